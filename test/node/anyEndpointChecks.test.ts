/**
 * "Any fal Endpoint" (node version 2) checks its values against the
 * endpoint's schema before anything is sent, and fails naming the endpoint
 * when the schema cannot be read; JSON mode needs none.
 */
import { anyEndpointParameters as anyEndpoint } from '../helpers/anyEndpoint';
import { SOURCE_PNG, useEmulator } from './fixtures';

const { emulator, run } = useEmulator();

const runV2 = (options: Parameters<typeof run>[0]) => run({ typeVersion: 2, ...options });

describe('checked against the schema before anything is sent', () => {
	test.each([
		[
			'a missing required field',
			{ image_urls: 'data' },
			/^Invalid Prompt \(prompt\) in item 0: is required; fill it in$/,
		],
		[
			'a number out of range',
			{ prompt: 'p', image_urls: 'data', num_images: 9 },
			/^Invalid .* \(num_images\) in item 0: must be at most 4, got 9$/,
		],
		[
			'a value outside the enum',
			{ prompt: 'p', image_urls: 'data', output_format: 'gif' },
			/\(output_format\) in item 0: must be one of jpeg, png, webp; got "gif"$/,
		],
		[
			'a binary field the item lacks',
			{ prompt: 'p', image_urls: 'data, nothing' },
			/^Invalid .*\(image_urls\) entry 2 in item 0: the item has no binary field "nothing" \(it has: data\)$/,
		],
		[
			'a field the endpoint does not have',
			{ prompt: 'p', image_urls: 'data', strength: 0.5 },
			/^Invalid strength in item 0: is not an input of fal-ai\/nano-banana\/edit now/,
		],
	])('%s', async (_, values, message) => {
		const { error } = await runV2({
			parameters: anyEndpoint('fal-ai/nano-banana/edit', values),
			items: [{ binary: { data: { bytes: SOURCE_PNG, mimeType: 'image/png' } } }],
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect(emulator().stats.requests).toMatchObject({ submit: 0, uploadInitiate: 0 });
	});

	test("fal's catalogue out of reach: the run fails naming the endpoint, nothing is sent", async () => {
		emulator().configure({
			faults: [{ route: 'models', kind: 'unavailable', status: 503, rate: 1 }],
		});
		const { error } = await runV2({
			parameters: anyEndpoint('fal-ai/flux/dev', { prompt: 'p' }, { maxRetries: 0 }),
		});
		expect(error?.message).toBe(
			"Could not read the input schema of fal-ai/flux/dev: fal returned 503 for fal's model catalogue: Service temporarily unavailable",
		);
		expect(error?.description).toMatch(/nothing was\. Try again later, or set Input Mode to JSON/);
		expect(emulator().stats.requests).toMatchObject({ submit: 0, models: 1 });
	});

	test('JSON mode needs no schema', async () => {
		emulator().configure({
			faults: [{ route: 'models', kind: 'unavailable', status: 503, rate: 1 }],
		});
		const { error } = await runV2({
			parameters: {
				...anyEndpoint('fal-ai/kokoro/american-english', {}),
				inputMode: 'json',
				inputJson: '{"prompt": "hi"}',
			},
		});
		expect(error).toBeUndefined();
		expect(emulator().stats.requests.models).toBe(0);
		expect(emulator().jobs()[0].input).toEqual({ prompt: 'hi' });
	});
});
