import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Whether a submitting operation (Generation, Workflow → Run) waits for fal
 * in the execution, and where fal reports back when it does not: the submit
 * engine's own parameters, which each of them shows.
 */

export const WAIT_PARAMETER = 'waitForCompletion';
export const WEBHOOK_URL_PARAMETER = 'webhookUrl';

/** Whether to wait, and where fal reports back otherwise: Generation's, and Workflow → Run's. */
export function waitProperties(where: IDisplayOptions['show'] = {}): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: WAIT_PARAMETER,
			type: 'boolean',
			default: true,
			description:
				'Whether to wait until fal has finished and return the output (its files as binary data). Off: return the request ID at once; get the output later with Queue Request → Get Result.',
			...(where && Object.keys(where).length > 0 ? { displayOptions: { show: where } } : {}),
		},
		{
			displayName: 'Webhook URL',
			name: WEBHOOK_URL_PARAMETER,
			type: 'string',
			default: '',
			placeholder: '{{ $execution.resumeUrl }}',
			description:
				'Optional. fal POSTs the outcome here when the request finishes. {{ $execution.resumeUrl }} resumes a later Wait node set to Resume "On Webhook Call" (HTTP method POST).',
			displayOptions: { show: { ...where, [WAIT_PARAMETER]: [false] } },
		},
	];
}
