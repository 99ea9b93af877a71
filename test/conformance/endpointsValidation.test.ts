/**
 * The 422s that validation against each endpoint's OpenAPI document gives,
 * in fal's shape (the client's ValidationError): required fields, enums,
 * types, ranges, lengths, lists, File objects, and files that do not load.
 */
import { ValidationError } from '../helpers/falClient';
import { makePng } from '../helpers/images';
import {
	ARCHIVE,
	EDIT,
	FLUX,
	run,
	SPEECH,
	upload,
	useEndpointsEmulator,
	VIDEO,
} from './endpointsSetup';

useEndpointsEmulator();

describe('validation from the OpenAPI documents', () => {
	const presets =
		"'square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3' or 'landscape_16_9'";
	it.each<[string, string, Record<string, unknown>, unknown[]]>([
		['required', FLUX, {}, [{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' }]],
		[
			'enums, types and ranges, in field order',
			FLUX,
			{
				output_format: 'gif',
				num_images: 9,
				guidance_scale: 'high',
				image_size: 'huge',
				seed: null,
				prompt: 'x',
			},
			[
				{ loc: ['body', 'image_size'], msg: `Input should be ${presets}`, type: 'enum' },
				{
					loc: ['body', 'guidance_scale'],
					msg: 'Input should be a valid number',
					type: 'float_type',
				},
				{
					loc: ['body', 'num_images'],
					msg: 'Input should be less than or equal to 4',
					type: 'less_than_equal',
				},
				{
					loc: ['body', 'output_format'],
					msg: "Input should be 'jpeg' or 'png'",
					type: 'literal_error',
				},
			],
		],
		[
			'a custom size (exclusive minimum)',
			FLUX,
			{ prompt: 'x', image_size: { width: 0, height: 10.5 } },
			[
				{
					loc: ['body', 'image_size', 'width'],
					msg: 'Input should be greater than 0',
					type: 'greater_than',
				},
				{
					loc: ['body', 'image_size', 'height'],
					msg: 'Input should be a valid integer, got a number with a fractional part',
					type: 'int_from_float',
				},
			],
		],
		[
			'array items',
			EDIT,
			{ prompt: 'x', image_urls: ['data:image/png;base64,AA', 3], num_images: 0 },
			[
				{
					loc: ['body', 'image_urls', 1],
					msg: 'Input should be a valid string',
					type: 'string_type',
				},
				{
					loc: ['body', 'num_images'],
					msg: 'Input should be greater than or equal to 1',
					type: 'greater_than_equal',
				},
			],
		],
		[
			'a list',
			EDIT,
			{ image_urls: 'x' },
			[
				{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
				{ loc: ['body', 'image_urls'], msg: 'Input should be a valid list', type: 'list_type' },
			],
		],
		[
			'lengths and string enums',
			VIDEO,
			{ prompt: 'a'.repeat(2501), duration: '7', cfg_scale: 2 },
			[
				{
					loc: ['body', 'prompt'],
					msg: 'String should have at most 2500 characters',
					type: 'string_too_long',
				},
				{ loc: ['body', 'image_url'], msg: 'Field required', type: 'missing' },
				{ loc: ['body', 'duration'], msg: "Input should be '5' or '10'", type: 'literal_error' },
				{
					loc: ['body', 'cfg_scale'],
					msg: 'Input should be less than or equal to 1',
					type: 'less_than_equal',
				},
			],
		],
		[
			'a voice and a minimum',
			SPEECH,
			{ prompt: 'hi', voice: 'zz', speed: 0 },
			[
				expect.objectContaining({
					loc: ['body', 'voice'],
					msg: expect.stringMatching(/^Input should be 'af_heart', .* or 'am_puck'$/),
					type: 'literal_error',
				}),
				{
					loc: ['body', 'speed'],
					msg: 'Input should be greater than or equal to 0.1',
					type: 'greater_than_equal',
				},
			],
		],
		[
			'an old-style File object',
			ARCHIVE,
			{ cover_image: 42 },
			[
				{ loc: ['body', 'image_urls'], msg: 'Field required', type: 'missing' },
				{
					loc: ['body', 'cover_image'],
					msg: 'Input should be a valid dictionary or object to extract fields from',
					type: 'model_attributes_type',
				},
			],
		],
		[
			"a File object's fields",
			ARCHIVE,
			{ image_urls: [], cover_image: {} },
			[{ loc: ['body', 'cover_image', 'url'], msg: 'Field required', type: 'missing' }],
		],
	])('answers 422 for %s', async (_case, endpointId, input, detail) => {
		const error = await run(endpointId, input).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fieldErrors).toEqual(detail);
	});

	it('answers 422 per list item that does not load or is not an image', async () => {
		const good = await upload(makePng(8, 8, [0, 0, 0]), 'image/png');
		const text = await upload(Buffer.from('hello'), 'text/plain');
		const error = (await run(EDIT, {
			prompt: 'p',
			image_urls: [good, text, 'https://example.com/missing.png'],
		}).catch((caught: unknown) => caught)) as ValidationError;
		expect(error.fieldErrors).toEqual([
			expect.objectContaining({ loc: ['body', 'image_urls', 1], type: 'image_load_error' }),
			expect.objectContaining({ loc: ['body', 'image_urls', 2], type: 'file_download_error' }),
		]);
	});
});
