/**
 * What kind of file an output is (image, video, audio or another file), its
 * MIME type and extension, from what fal says of it: its content type, its
 * data URI, its URL's extension, or the key it sits under.
 */

export type MediaKind = 'image' | 'video' | 'audio' | 'file';

const TYPES_BY_EXTENSION: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	bmp: 'image/bmp',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	avif: 'image/avif',
	mp4: 'video/mp4',
	webm: 'video/webm',
	mov: 'video/quicktime',
	mkv: 'video/x-matroska',
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	flac: 'audio/flac',
	m4a: 'audio/mp4',
	aac: 'audio/aac',
	zip: 'application/zip',
	glb: 'model/gltf-binary',
	gltf: 'model/gltf+json',
	obj: 'model/obj',
	ply: 'application/ply',
	safetensors: 'application/octet-stream',
	json: 'application/json',
	txt: 'text/plain',
	srt: 'application/x-subrip',
	vtt: 'text/vtt',
	pdf: 'application/pdf',
};

const EXTENSIONS_BY_TYPE: Record<string, string> = {
	...Object.fromEntries(
		Object.entries(TYPES_BY_EXTENSION).map(([extension, type]) => [type, extension]),
	),
	'image/jpeg': 'jpg',
	'image/tiff': 'tiff',
	'image/heic': 'heic',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'application/octet-stream': 'bin',
};

/** Keys under which fal's outputs hold files (fal-platform.md): an object with a `url` there is one. */
const MEDIA_KEY =
	/^(images?|videos?|audios?|audio_file|audio_url|files?|masks?|model_mesh|mesh|model_glb|zip|archive|depth_map|thumbnail|.*_file)$/;

export function isMediaKey(key: string | undefined): boolean {
	return key !== undefined && MEDIA_KEY.test(key);
}

/** The MIME type a URL's extension or data URI says, if it says one. */
export function typeOfUrl(url: string): string | undefined {
	if (url.startsWith('data:')) return url.slice(5, url.indexOf(',')).split(';')[0] || undefined;
	const extension = /\.([a-z0-9]{2,11})$/i
		.exec(URL.canParse(url) ? new URL(url).pathname : '')?.[1]
		?.toLowerCase();
	return extension ? TYPES_BY_EXTENSION[extension] : undefined;
}

export function kindOf(mimeType: string | undefined, key?: string): MediaKind {
	const top = mimeType?.split('/')[0];
	if (top === 'image' || top === 'video' || top === 'audio') return top;
	if (mimeType) return 'file';
	if (key && /^(images?|masks?|depth_map|thumbnail)$/.test(key)) return 'image';
	if (key && /^videos?$/.test(key)) return 'video';
	if (key && /^audio/.test(key)) return 'audio';
	return 'file';
}

export function extensionOfType(mimeType: string): string {
	return (
		EXTENSIONS_BY_TYPE[mimeType] ??
		mimeType
			.split('/')[1]
			?.replace(/^x-/, '')
			.replace(/[^a-z0-9]/gi, '') ??
		'bin'
	);
}
