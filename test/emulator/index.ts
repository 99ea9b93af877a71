export * from './server';
export type { FaultKind, FaultRule, RouteName } from './faults';
export {
	decodeImage,
	editedImage,
	encodeImage,
	expectedFillColour,
	IMAGE_SIZE_PRESETS,
	sniffImageFormat,
	solidImage,
} from './images';
export type { RgbaImage } from './images';
export { type Job, peakInFlight, peakRunning, peakWaiting } from './queue';
export type { QueueOptions } from './queueOptions';
export { PRICES, priceOf, TYPICAL_QUANTITY, type Price, type PriceUnit } from './platform/prices';
export type { Charge } from './platform/costs';
export { ANALYTICS_METRICS } from './platform/analytics';
export { authMethodOf, EMULATOR_USERNAME } from './platform/usage';
export {
	findWorkflow,
	STICKER_MAKER_SEED,
	WORKFLOWS,
	type Workflow,
} from './workflows/definitions';
export { CONTROL_STAND_IN_SIZE, DOC_EXAMPLE_URLS, docExampleFiles } from './docExampleFiles';
export { EMULATED_ENDPOINTS, findEmulatedEndpoint } from './endpoints/registry';
export type { EmulatedEndpoint, EndpointMetadata } from './endpoints/types';
export { KOKORO_VOICE_FREQUENCIES, speechSeconds } from './endpoints/kokoro';
export { CATALOGUE, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './catalogue/catalogue';
export type { JsonSchema, OpenApiDocument } from './openapi/types';
export { inputSchemaOf, outputSchemaOf, resolve as resolveSchema } from './openapi/schema';
export { validateInput, valueOrDefault } from './validate';
export { signWebhook } from './webhooks';
export { FAL_WEBHOOK_RETRY_DELAYS_MS } from './settings';
