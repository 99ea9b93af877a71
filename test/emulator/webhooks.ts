import { isLoopbackHost } from './http';
import type { Job } from './queue';
import type { WebhookDelivery } from './settings';

/**
 * POSTs fal's webhook body for a finished job: OK with the output, or ERROR
 * with the error body. Only to URLs on this machine (the emulator never sends
 * traffic elsewhere); every attempt is recorded in `deliveries`.
 */
export async function sendWebhook(job: Job, deliveries: WebhookDelivery[]): Promise<void> {
	const ok = job.outcome?.status === 200;
	const body: Record<string, unknown> = {
		request_id: job.requestId,
		gateway_request_id: job.requestId,
		status: ok ? 'OK' : 'ERROR',
		payload: job.outcome?.body ?? null,
		...(ok ? {} : { error: `Invalid status code: ${job.outcome?.status}` }),
	};
	const delivery: WebhookDelivery = { url: job.webhookUrl!, body, delivered: false };
	deliveries.push(delivery);
	let url: URL;
	try {
		url = new URL(job.webhookUrl!);
	} catch {
		delivery.error = 'invalid URL';
		return;
	}
	if (!isLoopbackHost(url.hostname)) {
		delivery.error = 'not delivered: the emulator only sends webhooks to this machine';
		return;
	}
	try {
		const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		delivery.delivered = true;
		delivery.status = answer.status;
	} catch (error) {
		delivery.error = (error as Error).message;
	}
}
