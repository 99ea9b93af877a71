/**
 * `fal-ai/image-archive`: an emulator-only endpoint (fal has none by this
 * name) that answers a zip, so that clients meet an output file that is
 * neither an image, a video nor audio. Its input also carries an old-style
 * file field, `cover_image` as `allOf: [{$ref: File}]`, and an unhinted
 * `image_urls` list recognised by its name only.
 */
import { makeZip, MEDIA_TYPES } from '../media';
import { FILE_SCHEMA, objectSchema, ref } from '../openapi/components';
import { buildOpenApiDocument } from '../openapi/document';
import { valueOrDefault } from '../validate';
import { fileOutput } from './output';
import type { EmulatedEndpoint, EndpointRun, JobOutcome, LoadedFile } from './types';

const ENDPOINT_ID = 'fal-ai/image-archive';

const DESCRIPTION =
	'Emulator only (not a fal endpoint): puts the given images, and a cover image, into one zip archive.';

const input = objectSchema(
	'ImageArchiveInput',
	{
		image_urls: {
			title: 'Image Urls',
			type: 'array',
			items: { type: 'string' },
			description: 'The images to put in the archive, as image-1, image-2, ...',
		},
		archive_name: {
			title: 'Archive Name',
			type: 'string',
			description: 'The file name of the archive.',
			default: 'images.zip',
		},
		cover_image: {
			title: 'Cover Image',
			description: 'An image stored in the archive as its cover.',
			allOf: [ref('File')],
		},
	},
	['image_urls'],
);

const output = objectSchema(
	'ImageArchiveOutput',
	{ file: { title: 'File', description: 'The zip archive.', allOf: [ref('File')] } },
	['file'],
);

/** The extension the archive gives a file, by its first bytes. */
function extensionOf(file: LoadedFile): string {
	return file.format === 'jpeg' ? 'jpg' : 'png';
}

/** The archive's entries: `image-1.<ext>`, `image-2.<ext>`, ..., then `cover.<ext>`. */
function archiveEntries(
	images: LoadedFile[],
	cover?: LoadedFile,
): Array<{ name: string; bytes: Buffer }> {
	const entries = images.map((file, index) => ({
		name: `image-${index + 1}.${extensionOf(file)}`,
		bytes: file.bytes,
	}));
	if (cover) entries.push({ name: `cover.${extensionOf(cover)}`, bytes: cover.bytes });
	return entries;
}

async function run(job: EndpointRun): Promise<JobOutcome> {
	const zip = makeZip(archiveEntries(job.fileLists.image_urls ?? [], job.files.cover_image));
	const name = valueOrDefault<string>(job.document, job.input, 'archive_name') ?? 'images.zip';
	// The stored copy's name goes into its URL: kept to safe characters there.
	const file = fileOutput(job.store, zip, MEDIA_TYPES.zip, name.replace(/[^A-Za-z0-9._-]+/g, '_'));
	return { status: 200, body: { file: { ...file, file_name: name } } };
}

export const IMAGE_ARCHIVE: EmulatedEndpoint = {
	endpointId: ENDPOINT_ID,
	metadata: {
		displayName: 'Image Archive (emulator)',
		category: 'utility',
		description: DESCRIPTION,
		tags: ['emulator', 'zip', 'utility'],
		date: '2025-01-01T00:00:00.000Z',
	},
	document: buildOpenApiDocument({
		endpointId: ENDPOINT_ID,
		category: 'utility',
		input: { name: 'ImageArchiveInput', schema: { ...input, description: DESCRIPTION } },
		output: { name: 'ImageArchiveOutput', schema: output },
		components: { File: FILE_SCHEMA },
	}),
	run,
};
