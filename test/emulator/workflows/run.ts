/**
 * One run of a fal workflow on the queue: its input is checked against the
 * workflow's input schema (422 as for an endpoint), then its `run` nodes call
 * the emulated endpoints in dependency order, each node's input built from
 * `$input.<field>` and `$<node-id>.<path>` references (a reference is always a
 * whole value, as in fal's workflow JSON), and the `display` node's fields
 * make the output. A node that fails ends the workflow with its error.
 */
import { findEmulatedEndpoint } from '../endpoints/registry';
import { type JobRun, runEndpoint } from '../endpoints/run';
import type { JobOutcome } from '../endpoints/types';
import { inputSchemaOf, propertyOrder } from '../openapi/schema';
import type { BilledRun } from '../platform/costs';
import { validateInput, valueOrDefault } from '../validate';
import type { Workflow, WorkflowNode } from './definitions';

export interface WorkflowOutcome extends JobOutcome {
	/** The node calls that succeeded: what the workflow is billed for. */
	billed: BilledRun[];
}

/** A reference's value (`$node-image.images.0.url`), or a literal as it is; objects and lists resolved inside. */
function resolveValue(value: unknown, values: Record<string, unknown>): unknown {
	if (typeof value === 'string' && value.startsWith('$')) {
		return value
			.slice(1)
			.split('.')
			.reduce<unknown>(
				(current, key) =>
					current === null || typeof current !== 'object'
						? undefined
						: (current as Record<string, unknown>)[key],
				values,
			);
	}
	if (Array.isArray(value)) return value.map((item) => resolveValue(item, values));
	if (value !== null && typeof value === 'object') {
		// A field whose reference comes to nothing (an optional input left out) is left out.
		return Object.fromEntries(
			Object.entries(value).flatMap(([key, inner]) => {
				const resolved = resolveValue(inner, values);
				return resolved === undefined ? [] : [[key, resolved]];
			}),
		);
	}
	return value;
}

/** The run nodes, each after the nodes it depends on. */
function inOrder(nodes: Record<string, WorkflowNode>): WorkflowNode[] {
	const done = new Set(['input']);
	const pending = Object.values(nodes).filter((node) => node.type === 'run');
	const ordered: WorkflowNode[] = [];
	while (pending.length > 0) {
		const next = pending.findIndex((node) => node.depends.every((id) => done.has(id)));
		if (next < 0)
			throw new Error(
				`workflow nodes depend on each other in a circle: ${pending.map((node) => node.id).join(', ')}`,
			);
		const [node] = pending.splice(next, 1);
		ordered.push(node);
		done.add(node.id);
	}
	return ordered;
}

export async function runWorkflow(workflow: Workflow, job: JobRun): Promise<WorkflowOutcome> {
	const errors = validateInput(workflow.document, job.input);
	if (errors.length > 0) return { status: 422, body: { detail: errors }, billed: [] };
	// `$input.x` reads the input as the workflow's schema completes it (its defaults).
	const input = Object.fromEntries(
		propertyOrder(inputSchemaOf(workflow.document)).flatMap((name) => {
			const value = valueOrDefault(workflow.document, job.input, name);
			return value === undefined ? [] : [[name, value]];
		}),
	);
	const values: Record<string, unknown> = { input };
	const billed: BilledRun[] = [];
	for (const node of inOrder(workflow.nodes)) {
		const endpoint = node.app ? findEmulatedEndpoint(node.app) : undefined;
		if (!endpoint)
			throw new Error(
				`workflow node ${node.id} calls ${node.app}, which the emulator does not run`,
			);
		const nodeInput = resolveValue(node.input, values) as Record<string, unknown>;
		const outcome = await runEndpoint(endpoint, { ...job, input: nodeInput });
		if (outcome.status !== 200) return { ...outcome, billed };
		values[node.id] = outcome.body;
		billed.push({ endpointId: endpoint.endpointId, input: nodeInput, output: outcome.body });
	}
	const display = Object.values(workflow.nodes).find((node) => node.type === 'display');
	return { status: 200, body: resolveValue(display?.fields ?? {}, values), billed };
}
