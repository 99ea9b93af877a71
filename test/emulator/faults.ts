/** The emulator's routes, as fault rules and request counts name them. */
export type RouteName =
	| 'submit'
	| 'status'
	| 'statusStream'
	| 'result'
	| 'cancel'
	| 'uploadInitiate'
	| 'uploadPut'
	| 'multipartInitiate'
	| 'multipartPart'
	| 'multipartComplete'
	| 'file'
	/** GET https://api.fal.ai/v1/models (the catalogue). */
	| 'models'
	/** GET https://fal.ai/api/openapi/queue/openapi.json (an endpoint's document). */
	| 'openapi'
	/** GET /.well-known/jwks.json on rest.alpha.fal.ai or rest.fal.ai: fal's webhook keys. */
	| 'jwks'
	| PlatformRouteName;

/** The Platform API's routes beyond the catalogue (https://api.fal.ai/v1/...: platform/router.ts). */
export type PlatformRouteName =
	/** GET /models/pricing */
	| 'pricing'
	/** POST /models/pricing/estimate */
	| 'pricingEstimate'
	/** GET /models/usage (admin key) */
	| 'usage'
	/** GET /models/analytics */
	| 'analytics'
	/** GET /models/requests/by-endpoint */
	| 'requestsByEndpoint'
	/** DELETE /models/requests/{request_id}/payloads (admin key) */
	| 'deletePayloads'
	/** GET /account/billing (admin key) */
	| 'billing'
	/** GET /workflows */
	| 'workflows'
	/** GET /workflows/{user}/{name} */
	| 'workflow';

type FaultKind =
	/** 429 with Retry-After. */
	| 'rate-limit'
	/** 503 (or `status`: 500, 502, 504) with a JSON detail. */
	| 'unavailable'
	/** The connection is destroyed without an answer (ECONNRESET at the client). */
	| 'drop'
	/** submit only: the job is accepted, then fails; its result answers 500 with an error_type. */
	| 'fail-job';

export interface FaultRule {
	route: RouteName;
	kind: FaultKind;
	/** Fire on these call numbers of the route (1-based, counted since the last reset). */
	calls?: number[];
	/** Or fire on this share of calls (0..1), drawn from the emulator's seeded generator. */
	rate?: number;
	/** Only for this endpoint id (submit, status, result, cancel). */
	endpointId?: string;
	/** For 'unavailable': the status to answer. Default 503. */
	status?: number;
	/** For 'rate-limit': the Retry-After seconds. Default 1. */
	retryAfterSeconds?: number;
	/** For 'fail-job': fal's error_type. Default runner_disconnected. */
	errorType?: string;
}

/** mulberry32: a small seeded generator, so fault rates repeat run to run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultInjector {
	private rules: FaultRule[] = [];

	private random: () => number;

	constructor(private readonly seed = 1) {
		this.random = seededRandom(seed);
	}

	set(rules: FaultRule[]): void {
		this.rules = [...rules];
		this.random = seededRandom(this.seed);
	}

	/** The rule that fires for this call of the route, if any. */
	match(route: RouteName, callNumber: number, endpointId?: string): FaultRule | undefined {
		for (const rule of this.rules) {
			if (rule.route !== route) continue;
			if (rule.endpointId && endpointId && !endpointId.startsWith(rule.endpointId)) continue;
			if (rule.calls?.includes(callNumber)) return rule;
			if (rule.rate !== undefined && this.random() < rule.rate) return rule;
		}
		return undefined;
	}
}
