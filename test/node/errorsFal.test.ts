/**
 * fal's own errors as a user sees them: with fal's detail and the request
 * id, as error items under continueOnFail or on the error output, and about
 * the key or the account, never showing the key.
 */
import { EMULATOR_FAL_KEY, EMULATOR_LOCKED_FAL_KEY } from '../emulator';
import {
	bytesOf,
	imageAndMaskItem,
	inpaintParameters,
	MASK_PNG,
	SOURCE_PNG,
	useEmulator,
} from './fixtures';

const { emulator, run } = useEmulator();

describe('fal’s errors', () => {
	// The emulator serves files at /files/...; this one does not exist, so fal
	// accepts the request and fails it with a 422 on the image.
	const missingImage = () => `${emulator().url}/files/missing/nothing.png`;

	test('a 422 lists each field error and the request id', async () => {
		const { error } = await run({
			parameters: inpaintParameters({ image_url_input: 'url', image_url: missingImage() }),
			items: [imageAndMaskItem()],
		});
		const [job] = emulator().jobs();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(
			/^fal rejected the input for fal-ai\/fast-sdxl\/inpainting: Image URL \(image_url\): .+ \[file_download_error\]/,
		);
		expect(error?.description).toContain(`fal request ID: ${job.requestId}`);
		expect((error as { httpCode?: string }).httpCode).toBe('422');
	});

	test('with continueOnFail a 422 becomes an error item carrying fal’s detail and the request id', async () => {
		const { items, error } = await run({
			parameters: inpaintParameters({ image_url_input: 'url', image_url: '={{ $json.url }}' }),
			items: [
				{
					json: { url: missingImage() },
					binary: { mask: { bytes: MASK_PNG, mimeType: 'image/png' } },
				},
				{
					json: { url: 'data:image/png;base64,' + SOURCE_PNG.toString('base64') },
					binary: { mask: { bytes: MASK_PNG, mimeType: 'image/png' } },
				},
			],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const [failedJob, goodJob] = emulator().jobs();
		expect(Object.keys(items[0].json)).toEqual(['error']);
		expect(items[0].json.error).toMatchObject({
			requestId: failedJob.requestId,
			endpoint: 'fal-ai/fast-sdxl/inpainting',
		});
		expect(items[0].json.error).toMatchObject({
			message: expect.stringMatching(/Image URL \(image_url\): .+\[file_download_error\]/),
		});
		expect(items[0].json.error).toMatchObject({
			description: expect.stringContaining(failedJob.requestId),
		});
		expect(items[1].json.requestId).toBe(goodJob.requestId);
		expect((await bytesOf(items[1].binary!.image)).length).toBeGreaterThan(0);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('with On Error → Continue (using error output) the failed item takes the error branch, the others the main one', async () => {
		const { items, errorOutput, error } = await run({
			parameters: inpaintParameters({ image_url_input: 'url', image_url: '={{ $json.url }}' }),
			items: [
				{
					json: { url: 'data:image/png;base64,' + SOURCE_PNG.toString('base64') },
					binary: { mask: { bytes: MASK_PNG, mimeType: 'image/png' } },
				},
				{
					json: { url: missingImage() },
					binary: { mask: { bytes: MASK_PNG, mimeType: 'image/png' } },
				},
			],
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		const [goodJob, failedJob] = emulator().jobs();
		expect(items.map((item) => item.json.requestId)).toEqual([goodJob.requestId]);
		expect(items[0].binary?.image).toBeDefined();
		expect(errorOutput).toHaveLength(1);
		// The input item's fields, plus what went wrong.
		expect(errorOutput[0].json).toMatchObject({
			url: missingImage(),
			error: { requestId: failedJob.requestId },
		});
		expect(errorOutput[0].json.error).toMatchObject({
			message: expect.stringMatching(/Image URL \(image_url\): .+\[file_download_error\]/),
		});
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
	});

	test('a failed job (5xx at the result) reaches the user with fal’s detail and the request id', async () => {
		emulator().configure({ faults: [{ route: 'submit', kind: 'fail-job', calls: [1] }] });
		const { error } = await run({ parameters: inpaintParameters(), items: [imageAndMaskItem()] });
		const [job] = emulator().jobs();
		expect(error?.message).toMatch(
			/^fal returned 500 for fal-ai\/fast-sdxl\/inpainting: The runner stopped before the request finished\./,
		);
		expect(error?.description).toBe(`fal request ID: ${job.requestId}`);
	});

	test('an unknown key: a message about the key, and the key itself nowhere', async () => {
		const { error } = await run({
			credentials: { apiKey: 'wrong-key-id:wrong-key-secret', proxyUrl: emulator().proxyUrl },
			parameters: inpaintParameters(),
			items: [imageAndMaskItem()],
		});
		expect(error?.message).toBe('fal rejected the API key (401)');
		expect(error?.description).toMatch(/Check the API key in the fal.ai credential/);
		expect(
			JSON.stringify({ message: error?.message, description: error?.description }),
		).not.toContain('wrong-key');
		expect(emulator().stats.submissions).toEqual({});
	});

	test('a locked account: a message about access or balance', async () => {
		const { error } = await run({
			credentials: { apiKey: EMULATOR_LOCKED_FAL_KEY, proxyUrl: emulator().proxyUrl },
			parameters: inpaintParameters({
				image_url_input: 'url',
				image_url: 'https://example.com/a.png',
				mask_url_input: 'url',
				mask_url: 'https://example.com/m.png',
			}),
		});
		expect(error?.message).toMatch(
			/^fal refused the request \(403\): the key lacks access or the account has no balance left/,
		);
		expect(JSON.stringify(error)).not.toContain(EMULATOR_LOCKED_FAL_KEY);
		expect(JSON.stringify(error)).not.toContain(EMULATOR_FAL_KEY);
	});
});
