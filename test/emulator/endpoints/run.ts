/**
 * One job of any emulated endpoint, in fal's order: the input is checked
 * against the endpoint's OpenAPI input schema (422 with pydantic's detail),
 * its file inputs are fetched (422 when one fails), then the endpoint's runner
 * makes the output.
 */
import type { FileSink } from '../storage';
import { validateInput } from '../validate';
import { loadFileInputs } from './files';
import type { EmulatedEndpoint, JobOutcome } from './types';

export interface JobRun {
	input: Record<string, unknown>;
	/** Fetches a file input (URL or data URI); throws if it cannot. */
	loadFile: (url: string) => Promise<Buffer>;
	store: FileSink;
	inferenceSeconds: number;
	videoOutput?: Buffer;
}

export async function runEndpoint(endpoint: EmulatedEndpoint, job: JobRun): Promise<JobOutcome> {
	const { document } = endpoint;
	const errors = validateInput(document, job.input);
	if (errors.length > 0) return { status: 422, body: { detail: errors } };
	const loaded = await loadFileInputs(document, job.input, job.loadFile);
	if (loaded.errors.length > 0) return { status: 422, body: { detail: loaded.errors } };
	return endpoint.run({
		input: job.input,
		document,
		files: loaded.files,
		fileLists: loaded.fileLists,
		store: job.store,
		inferenceSeconds: job.inferenceSeconds,
		videoOutput: job.videoOutput,
	});
}
