/**
 * What every endpoint the emulator runs provides (its OpenAPI document and a
 * runner) and what a runner is given: an input already validated against the
 * document, with its file inputs already fetched.
 */
import type { ImageFormat, RgbaImage } from '../images';
import type { OpenApiDocument } from '../openapi/types';
import type { FileSink } from '../storage';

/** How a job ended: what its result route answers. */
export interface JobOutcome {
	status: number;
	body: unknown;
}

/** An endpoint's entry in fal's catalogue (`GET https://api.fal.ai/v1/models`). */
export interface EndpointMetadata {
	displayName: string;
	category: string;
	description: string;
	tags: string[];
	/** When fal published it (ISO date); also its `updated_at` here. */
	date: string;
	/** Default 'active'. */
	status?: 'active' | 'deprecated';
}

/** A fetched file input; images are decoded (PNG or JPEG). */
export interface LoadedFile {
	url: string;
	bytes: Buffer;
	image?: RgbaImage;
	format?: ImageFormat;
}

export interface EndpointRun {
	input: Record<string, unknown>;
	document: OpenApiDocument;
	/** Single file inputs by field name (`image_url`, `cover_image`, ...). */
	files: Record<string, LoadedFile>;
	/** List file inputs by field name (`image_urls`, ...). */
	fileLists: Record<string, LoadedFile[]>;
	store: FileSink;
	inferenceSeconds: number;
	/** The emulator's `videoOutput` setting: returned by video endpoints instead of their small clip. */
	videoOutput?: Buffer;
}

export interface EmulatedEndpoint {
	endpointId: string;
	metadata: EndpointMetadata;
	document: OpenApiDocument;
	run(run: EndpointRun): Promise<JobOutcome>;
}
