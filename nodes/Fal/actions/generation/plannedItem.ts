import type { IExecuteFunctions } from 'n8n-workflow';
import { FieldInputError } from '../../fields/values';
import { checkBinaryInput } from '../../helpers/inputFiles';
import { WAIT_PARAMETER, WEBHOOK_URL_PARAMETER } from '../../parameters';
import { readNodeOptions } from '../../execution/options';
import type { PlannedItem } from '../operation';
import type { RequestTarget } from './target';

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
