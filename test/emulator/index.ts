export * from './server';
export type { FaultKind, FaultRule, RouteName } from './faults';
export { decodeImage, encodeImage, expectedFillColour, IMAGE_SIZE_PRESETS, sniffImageFormat } from './images';
export type { RgbaImage } from './images';
export { type Job, peakInFlight } from './queue';
export { CONTROL_STAND_IN_SIZE, DOC_EXAMPLE_URLS, docExampleFiles } from './docExampleFiles';
export { findEmulatedEndpoint, OTHER_ENDPOINT_MODELS } from './otherEndpoints';
