/**
 * The request body planned from the fields an OpenAPI document gives: typed
 * values, file inputs as URLs or binary fields to upload, and the checks of
 * each value before anything is sent.
 */
import { planFromFields } from '../../nodes/Fal/request/mapperBody';
import { fieldsFromOpenApi } from '../../nodes/Fal/schema/openApi';
import { EDIT, FLUX } from './openApiDocuments';

describe('planFromFields', () => {
	const flux = fieldsFromOpenApi('fal-ai/flux/dev', FLUX);
	const edit = fieldsFromOpenApi('fal-ai/nano-banana/edit', EDIT);

	test('sends typed values, a custom size from its parts, and leaves out what is empty', () => {
		const plan = planFromFields(flux, {
			prompt: 'a fox',
			image_size: 'custom',
			image_size_width: '640',
			image_size_height: 480,
			num_inference_steps: '20',
			seed: '',
			output_format: 'png',
		});
		expect(plan).toEqual({
			body: {
				prompt: 'a fox',
				image_size: { width: 640, height: 480 },
				num_inference_steps: 20,
				output_format: 'png',
			},
			binaryFiles: [],
		});
	});

	test('file inputs: URLs as they are, anything else a binary field to upload; lists of both', () => {
		const plan = planFromFields(edit, {
			prompt: 'p',
			image_urls: 'data, https://example.com/b.png, second',
			cover: 'cover',
		});
		expect(plan.body).toEqual({
			prompt: 'p',
			image_urls: ['', 'https://example.com/b.png', ''],
			cover: '',
		});
		expect(plan.binaryFiles).toEqual([
			{
				bodyPath: 'image_urls.0',
				label: 'Image URLs (image_urls) entry 1',
				property: 'data',
				imageOnly: true,
			},
			{
				bodyPath: 'image_urls.2',
				label: 'Image URLs (image_urls) entry 3',
				property: 'second',
				imageOnly: true,
			},
			{ bodyPath: 'cover', label: 'Cover (cover)', property: 'cover', imageOnly: false },
		]);
		expect(
			planFromFields(edit, { prompt: 'p', image_urls: '["a", "b"]' }).binaryFiles.map(
				(file) => file.property,
			),
		).toEqual(['a', 'b']);
	});

	test.each([
		[{ image_urls: 'data' }, 'Prompt (prompt): is required; fill it in'],
		[
			{ prompt: 'x'.repeat(51), image_urls: 'data' },
			'Prompt (prompt): must be at most 50 characters, got 51',
		],
		[
			{ prompt: 'p', image_urls: 'data', num_images: 3 },
			'Number of Images (num_images): must be one of 1, 2, 4; got 3',
		],
		[
			{ prompt: 'p', image_urls: 'data', strength: 1 },
			'Strength (strength): must be less than 1, got 1',
		],
		[
			{ prompt: 'p', image_urls: 'a b' },
			'Image URLs (image_urls) entry 1: "a b" is neither a URL nor the name of a binary field',
		],
		[
			{ prompt: 'p', image_urls: 'data', loras: '[{"scale": 2}]' },
			'LoRAs (loras) entry 1: Path is required',
		],
		[
			{ prompt: 'p', image_urls: 'data', retired: 'x' },
			'retired: is not an input of fal-ai/nano-banana/edit now; its schema changed since the fields were set: open the node and refresh them',
		],
	])('refuses %j before anything is sent', (values, message) => {
		expect(() => planFromFields(edit, values)).toThrow(message);
	});
});
