/**
 * `fal-ai/kokoro/american-english`: text to speech (`{audio: File}`). The
 * "model" answers a real WAV: a tone at the voice's pitch, as long as reading
 * the prompt would take (`speechSeconds`), so a test can recompute the bytes.
 */
import { makeWav, MEDIA_TYPES } from '../media';
import { FILE_SCHEMA, objectSchema, ref } from '../openapi/components';
import { buildOpenApiDocument } from '../openapi/document';
import { valueOrDefault } from '../validate';
import { fileOutput } from './output';
import type { EmulatedEndpoint, EndpointRun, JobOutcome } from './types';

const ENDPOINT_ID = 'fal-ai/kokoro/american-english';

/** The voices offered, and the pitch (Hz) the emulator speaks each in. */
export const KOKORO_VOICE_FREQUENCIES: Record<string, number> = {
	af_heart: 220,
	af_alloy: 233,
	af_bella: 247,
	af_nicole: 262,
	af_sarah: 277,
	af_sky: 294,
	am_adam: 110,
	am_echo: 117,
	am_michael: 123,
	am_onyx: 98,
	am_puck: 131,
};

/** How long the emulator's speech lasts: 15 characters a second at speed 1, from 0.5 to 3 s. */
export function speechSeconds(prompt: string, speed = 1): number {
	return Math.min(3, Math.max(0.5, prompt.length / 15 / speed));
}

const input = objectSchema(
	'AmEnglishRequest',
	{
		prompt: {
			examples: ['The future belongs to those who believe in the beauty of their dreams.'],
			title: 'Prompt',
			type: 'string',
			description: 'The text to speak.',
		},
		voice: {
			enum: Object.keys(KOKORO_VOICE_FREQUENCIES),
			title: 'Voice',
			type: 'string',
			description: 'Voice ID for the desired voice.',
			default: 'af_heart',
		},
		speed: {
			minimum: 0.1,
			maximum: 5,
			title: 'Speed',
			type: 'number',
			description: 'Speed of the generated audio. Default is 1.0.',
			default: 1,
		},
	},
	['prompt'],
);

const output = objectSchema(
	'AmEnglishOutput',
	{ audio: { ...ref('File'), title: 'Audio', description: 'The generated speech.' } },
	['audio'],
);

async function run(job: EndpointRun): Promise<JobOutcome> {
	const voice = valueOrDefault<string>(job.document, job.input, 'voice') ?? 'af_heart';
	const speed = valueOrDefault<number>(job.document, job.input, 'speed') ?? 1;
	const wav = makeWav({
		seconds: speechSeconds(String(job.input.prompt), speed),
		frequency: KOKORO_VOICE_FREQUENCIES[voice] ?? 220,
	});
	return {
		status: 200,
		body: { audio: fileOutput(job.store, wav, MEDIA_TYPES.wav, 'speech.wav') },
	};
}

export const KOKORO_AMERICAN_ENGLISH: EmulatedEndpoint = {
	endpointId: ENDPOINT_ID,
	metadata: {
		displayName: 'Kokoro TTS',
		category: 'text-to-speech',
		description:
			'Kokoro is a lightweight text-to-speech model that delivers comparable quality to larger models while being significantly faster and more cost-efficient.',
		tags: ['speech', 'american-english'],
		date: '2025-01-21T00:00:00.000Z',
	},
	document: buildOpenApiDocument({
		endpointId: ENDPOINT_ID,
		category: 'text-to-speech',
		input: { name: 'AmEnglishRequest', schema: input },
		output: { name: 'AmEnglishOutput', schema: output },
		components: { File: FILE_SCHEMA },
	}),
	run,
};
