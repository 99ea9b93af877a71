import type { IExecuteFunctions } from 'n8n-workflow';
import { FieldInputError } from '../request/fieldInputError';
import { checkBinaryInput } from '../request/inputFiles';
import type { RequestPlan } from '../request/plan';
import type { EndpointFields } from '../schema/types';
import type { NodeOptionValues } from './options/nodeOptions';
import { readNodeOptions } from './options/read';
import { WAIT_PARAMETER, WEBHOOK_URL_PARAMETER } from './waitParameters';

/** What one item is sent to, and with what: the checked request, the fields its errors are named by. */
export interface RequestTarget {
	endpointId: string;
	fields?: Pick<EndpointFields, 'input'>;
	plan: RequestPlan;
}

/** One item's request, checked, with how to run it: what a submitting operation plans before anything is sent. */
export interface PlannedItem extends RequestTarget {
	options: NodeOptionValues;
	wait: boolean;
	webhookUrl?: string;
}

/**
 * The rest of an item's plan once its request is known (Generation, Workflow
 * → Run): its binary inputs present, whether to wait, its webhook, its
 * options. All checked; nothing uploaded or sent.
 */
export async function plannedItem(
	context: IExecuteFunctions,
	itemIndex: number,
	target: RequestTarget,
): Promise<PlannedItem> {
	await Promise.all(
		target.plan.binaryFiles.map(async (input) => await checkBinaryInput(context, itemIndex, input)),
	);
	const wait = context.getNodeParameter(WAIT_PARAMETER, itemIndex, true) !== false;
	const webhookUrl = wait
		? undefined
		: checkWebhookUrl(context.getNodeParameter(WEBHOOK_URL_PARAMETER, itemIndex, ''));
	return { ...target, options: readNodeOptions(context, itemIndex), wait, webhookUrl };
}

function checkWebhookUrl(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) return undefined;
	const url = URL.canParse(text) ? new URL(text) : undefined;
	if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
		throw new FieldInputError(
			'Webhook URL',
			`must be an http(s) URL that fal can reach, got ${JSON.stringify(text.slice(0, 200))}`,
		);
	}
	return text;
}
