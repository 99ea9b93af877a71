import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import { FieldInputError } from '../../request/fieldInputError';
import { checkSignature, type SignatureCheck } from '../../transport/webhookSignature';
import type { FalConnection } from '../../transport/request';
import { webhookKeys } from '../../transport/webhookKeys';
import type { ItemOperation } from '../operation';

/**
 * Queue Request → Verify Webhook: whether a call to a Webhook or Wait node
 * really came from fal, by fal's signature over the raw body (see
 * transport/webhookSignature.ts). An invalid call is an answer (valid: false,
 * with the reason), not an error: the workflow decides. Only input that
 * cannot be checked at all (no raw body, headers that are not an object)
 * fails the item.
 */
/** Where the raw body is, and the headers. */
const RAW_BODY_SOURCE_PARAMETER = 'rawBodySource';
const RAW_BODY_FIELD_PARAMETER = 'rawBodyBinaryField';
const RAW_BODY_PARAMETER = 'rawBody';
const WEBHOOK_HEADERS_PARAMETER = 'webhookHeaders';

export const verifyWebhook: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Verify Webhook',
		value: 'verifyWebhook',
		action: 'Verify that a webhook call came from fal',
		description:
			"Check fal's signature on a call to a Webhook or Wait node (its raw body and headers): valid, or invalid with the reason",
	},
	properties: [
		{
			displayName: 'Raw Body From',
			name: RAW_BODY_SOURCE_PARAMETER,
			type: 'options',
			options: [
				{
					name: 'Binary Field',
					value: 'binary',
					description:
						"The body exactly as received: the Webhook or Wait node's Raw Body option puts it in a binary field",
				},
				{
					name: 'Text',
					value: 'text',
					description: 'The body as text, byte for byte as fal sent it',
				},
			],
			default: 'binary',
			description:
				'Where the raw body of the call is. The signature covers its exact bytes, so a body parsed and written out again may not match.',
		},
		{
			displayName: 'Raw Body Binary Field',
			name: RAW_BODY_FIELD_PARAMETER,
			type: 'string',
			default: 'data',
			description:
				'The binary field that holds the raw body (the Webhook and Wait nodes name it "data")',
			displayOptions: { show: { [RAW_BODY_SOURCE_PARAMETER]: ['binary'] } },
		},
		{
			displayName: 'Raw Body',
			name: RAW_BODY_PARAMETER,
			type: 'string',
			default: '',
			description: 'The body of the call as text, exactly as fal sent it',
			displayOptions: { show: { [RAW_BODY_SOURCE_PARAMETER]: ['text'] } },
		},
		{
			displayName: 'Headers',
			name: WEBHOOK_HEADERS_PARAMETER,
			type: 'json',
			default: '={{ $json.headers }}',
			description: "The call's headers as an object, with fal's four X-Fal-Webhook-* headers",
		},
	],
	nodeOptions: RETRY_OPTIONS,
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
