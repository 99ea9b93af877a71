import { createHash, randomUUID } from 'node:crypto';

export interface StoredFile {
	bytes: Buffer;
	contentType: string;
	fileName: string;
	/** When the file stops being served (epoch ms), per the job's X-Fal-Object-Lifecycle-Preference; never if absent. */
	expiresAt?: number;
}

/** Where an endpoint's runner puts the files it makes: the store itself, or a job's view of it (queueRoutes.ts). */
export interface FileSink {
	/** Stores a generated file; returns its URL. */
	add(bytes: Buffer, contentType: string, fileName: string): string;
}

interface PendingUpload {
	fileId: string;
	contentType: string;
	fileName: string;
	multipart: boolean;
	parts: Map<number, { bytes: Buffer; etag: string }>;
}

function extensionOf(fileName: string, contentType: string): string {
	const fromName = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1];
	if (fromName) return fromName.toLowerCase();
	const subtype = contentType.split('/')[1]?.split(/[;+-]/)[0];
	return subtype === 'jpeg' ? 'jpg' : (subtype ?? 'bin');
}

/**
 * fal's storage, in memory: an initiate call hands out an upload URL (single
 * PUT, or 10 MB parts and a complete call for multipart); once the bytes
 * arrive the file is served at its file URL, like fal's CDN.
 */
export class FileStore implements FileSink {
	private readonly files = new Map<string, StoredFile>();

	private readonly pending = new Map<string, PendingUpload>();

	constructor(private readonly baseUrl: () => string) {}

	/** Starts an upload; returns fal's initiate answer. */
	initiate(
		contentType: string,
		fileName: string,
		multipart: boolean,
	): { upload_url: string; file_url: string } {
		const token = randomUUID();
		const fileId = `${randomUUID().slice(0, 8)}/${randomUUID()}.${extensionOf(fileName, contentType)}`;
		this.pending.set(token, { fileId, contentType, fileName, multipart, parts: new Map() });
		const uploadUrl = multipart
			? `${this.baseUrl()}/upload-multipart/${token}?upload_id=${randomUUID()}`
			: `${this.baseUrl()}/upload/${token}?signature=${randomUUID()}`;
		return { upload_url: uploadUrl, file_url: this.urlOf(fileId) };
	}

	/** The file URL an upload in progress will have. */
	pendingFileUrl(token: string): string | undefined {
		const upload = this.pending.get(token);
		return upload ? this.urlOf(upload.fileId) : undefined;
	}

	putSingle(token: string, bytes: Buffer, contentType: string | undefined): boolean {
		const upload = this.pending.get(token);
		if (!upload || upload.multipart) return false;
		this.pending.delete(token);
		this.files.set(upload.fileId, {
			bytes,
			contentType: contentType || upload.contentType,
			fileName: upload.fileName,
		});
		return true;
	}

	putPart(
		token: string,
		partNumber: number,
		bytes: Buffer,
	): { partNumber: number; etag: string } | undefined {
		const upload = this.pending.get(token);
		if (!upload?.multipart || !Number.isInteger(partNumber) || partNumber < 1) return undefined;
		const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
		upload.parts.set(partNumber, { bytes, etag });
		return { partNumber, etag };
	}

	/** Joins the parts named in the complete call; undefined if they do not match what was uploaded. */
	complete(token: string, parts: Array<{ partNumber: number; etag: string }>): string | undefined {
		const upload = this.pending.get(token);
		if (!upload?.multipart || parts.length === 0 || parts.length !== upload.parts.size)
			return undefined;
		const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
		const chunks: Buffer[] = [];
		for (const part of ordered) {
			const uploaded = upload.parts.get(part.partNumber);
			if (!uploaded || uploaded.etag !== part.etag) return undefined;
			chunks.push(uploaded.bytes);
		}
		this.pending.delete(token);
		this.files.set(upload.fileId, {
			bytes: Buffer.concat(chunks),
			contentType: upload.contentType,
			fileName: upload.fileName,
		});
		return this.urlOf(upload.fileId);
	}

	/** Stores a generated file, for `lifetimeSeconds` if given (its bytes are dropped once that passes); returns its URL. */
	add(bytes: Buffer, contentType: string, fileName: string, lifetimeSeconds?: number): string {
		this.dropExpired();
		const fileId = `${randomUUID().slice(0, 8)}/${fileName}`;
		const expiresAt =
			lifetimeSeconds === undefined ? undefined : Date.now() + lifetimeSeconds * 1000;
		this.files.set(fileId, {
			bytes,
			contentType,
			fileName,
			...(expiresAt === undefined ? {} : { expiresAt }),
		});
		return this.urlOf(fileId);
	}

	/** A file still served: an expired one is forgotten here, so the CDN answers 404 for it from then on. */
	get(fileId: string): StoredFile | undefined {
		const file = this.files.get(fileId);
		if (file?.expiresAt !== undefined && file.expiresAt <= Date.now()) {
			this.files.delete(fileId);
			return undefined;
		}
		return file;
	}

	/** The stored file behind one of this store's URLs. */
	getByUrl(url: string): StoredFile | undefined {
		const fileId = this.fileIdOf(url);
		return fileId === undefined ? undefined : this.get(fileId);
	}

	/** Deletes one of this store's files by its URL (payload deletion); false if it was not there (any more). */
	deleteByUrl(url: string): boolean {
		const fileId = this.fileIdOf(url);
		return fileId !== undefined && this.get(fileId) !== undefined && this.files.delete(fileId);
	}

	clear(): void {
		this.files.clear();
		this.pending.clear();
	}

	/** Expired files are not kept around until someone asks for them. */
	private dropExpired(): void {
		const now = Date.now();
		for (const [fileId, file] of this.files)
			if (file.expiresAt !== undefined && file.expiresAt <= now) this.files.delete(fileId);
	}

	private fileIdOf(url: string): string | undefined {
		const prefix = `${this.baseUrl()}/files/`;
		return url.startsWith(prefix)
			? decodeURIComponent(url.slice(prefix.length).split('?')[0])
			: undefined;
	}

	private urlOf(fileId: string): string {
		return `${this.baseUrl()}/files/${fileId}`;
	}
}
