export * from './server';
export type { FaultRule, RouteName } from './faults';
export {
	decodeImage,
	editedImage,
	encodeImage,
	expectedFillColour,
	IMAGE_SIZE_PRESETS,
	sniffImageFormat,
} from './images';
export type { RgbaImage } from './images';
export { type Job, peakInFlight, peakRunning, peakWaiting } from './queue';
export { PRICES } from './platform/prices';
export { EMULATOR_USERNAME } from './platform/usage';
export { STICKER_MAKER_SEED, WORKFLOWS } from './workflows/definitions';
export { CONTROL_STAND_IN_SIZE, DOC_EXAMPLE_URLS, docExampleFiles } from './docExampleFiles';
export { EMULATED_ENDPOINTS, findEmulatedEndpoint } from './endpoints/registry';
export { KOKORO_VOICE_FREQUENCIES, speechSeconds } from './endpoints/kokoro';
export { CATALOGUE, MAX_PAGE_SIZE } from './catalogue/catalogue';
export type { JsonSchema, OpenApiDocument } from './openapi/types';
export { inputSchemaOf, outputSchemaOf } from './openapi/schema';
export { signWebhook } from './webhooks';
export { FAL_WEBHOOK_RETRY_DELAYS_MS } from './settings';
