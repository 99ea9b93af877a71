import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { FieldInputError } from '../../fields/values';
import { checkSignature, type SignatureCheck } from '../../helpers/webhookSignature';
import {
	RAW_BODY_FIELD_PARAMETER,
	RAW_BODY_PARAMETER,
	RAW_BODY_SOURCE_PARAMETER,
	WEBHOOK_HEADERS_PARAMETER,
} from '../../parameters';
import type { FalConnection } from '../../transport/request';
import { webhookKeys } from '../../transport/webhookKeys';
import type { ItemOperation } from '../operation';

/**
 * Queue Request → Verify Webhook: whether a call to a Webhook or Wait node
 * really came from fal, by fal's signature over the raw body (see
 * helpers/webhookSignature.ts). An invalid call is an answer (valid: false,
 * with the reason), not an error: the workflow decides. Only input that
 * cannot be checked at all (no raw body, headers that are not an object)
 * fails the item.
 */
export const verifyWebhook: ItemOperation = {
	kind: 'item',
	async execute(context, itemIndex, connection) {
		const rawBody = await rawBodyOf(context, itemIndex);
		const headers = headersOf(context, itemIndex);
		const check = await checkWithFalKeys(connection, headers, rawBody);
		return [{ json: verdictJson(check, rawBody) }];
	},
};

async function checkWithFalKeys(
	connection: FalConnection,
	headers: IDataObject,
	rawBody: Buffer,
): Promise<SignatureCheck> {
	const now = () => Date.now() / 1000;
	const first = await webhookKeys(connection);
	const check = checkSignature(headers, rawBody, first.keys, now());
	// A signature no cached key verifies may be signed with a key fal has added since: read the key set again, once.
	if (check.valid || first.fetched || !check.reason.startsWith('bad signature')) return check;
	const fresh = await webhookKeys(connection, { fresh: true });
	return fresh.fetched ? checkSignature(headers, rawBody, fresh.keys, now()) : check;
}

function verdictJson(check: SignatureCheck, rawBody: Buffer): IDataObject {
	const json: IDataObject = { valid: check.valid };
	if (!check.valid) json.reason = check.reason;
	Object.assign(json, {
		requestId: check.requestId,
		userId: check.userId,
		timestamp: check.timestamp,
	});
	if (check.valid) {
		// fal's webhook body: request_id, status (OK or ERROR), payload, error.
		try {
			json.webhook = JSON.parse(rawBody.toString('utf8')) as IDataObject;
		} catch {
			json.webhook = rawBody.toString('utf8');
		}
	}
	return json;
}

async function rawBodyOf(context: IExecuteFunctions, itemIndex: number): Promise<Buffer> {
	const source = context.getNodeParameter(RAW_BODY_SOURCE_PARAMETER, itemIndex, 'binary') as string;
	if (source === 'text') {
		const text = context.getNodeParameter(RAW_BODY_PARAMETER, itemIndex, '') as unknown;
		if (typeof text !== 'string' || text === '')
			throw new FieldInputError(
				'Raw Body',
				'is empty; map the body exactly as fal sent it (a parsed and re-serialised body may differ by a byte, and then no signature matches)',
			);
		return Buffer.from(text, 'utf8');
	}
	const field = (
		context.getNodeParameter(RAW_BODY_FIELD_PARAMETER, itemIndex, 'data') as string
	).trim();
	const binary = context.getInputData()[itemIndex]?.binary?.[field];
	if (!binary) {
		throw new FieldInputError(
			'Raw Body Binary Field',
			`the item has no binary field "${field}": turn on Raw Body in the Webhook or Wait node's options, which puts the body as received there`,
		);
	}
	return await context.helpers.getBinaryDataBuffer(itemIndex, field);
}

function headersOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const value = context.getNodeParameter(WEBHOOK_HEADERS_PARAMETER, itemIndex, {}) as unknown;
	const parsed =
		typeof value === 'string' && value.trim().startsWith('{') ? parseJson(value) : value;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new FieldInputError(
			'Headers',
			"must be the call's headers as an object (the Webhook or Wait node's headers: {{ $json.headers }})",
		);
	}
	return parsed as IDataObject;
}

/** Text headers, as JSON; undefined when they are not JSON (then reported as not an object). */
function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}
