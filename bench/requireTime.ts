/**
 * Measurement 6: how long a fresh Node process takes to `require` the built
 * node, against requiring n8n-workflow alone (which the node requires too),
 * runs interleaved, median of each.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median, ms, ratio, type Section } from './report';
import { BUILT_NODE } from './workflow';

const ROOT = join(__dirname, '..');

/** A fresh process that requires `preload` (untimed), then times requiring `target`; prints milliseconds. */
async function timeRequire(target: string, preload?: string): Promise<number> {
	const script = [
		preload ? `require(${JSON.stringify(preload)});` : '',
		'const started = process.hrtime.bigint();',
		`require(${JSON.stringify(target)});`,
		'process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));',
	].join('\n');
	const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: ROOT });
	return Number(stdout);
}

export async function measureRequireTime(runs = 9): Promise<Section> {
	if (!existsSync(BUILT_NODE))
		throw new Error(`${BUILT_NODE} is missing: run npm run build (npm run bench does)`);
	const times = {
		workflow: [] as number[],
		node: [] as number[],
		nodeAfterWorkflow: [] as number[],
	};
	// One untimed round first, so the file cache is as warm for the first timed run as for the last.
	await timeRequire('n8n-workflow');
	await timeRequire(BUILT_NODE);
	for (let run = 0; run < runs; run++) {
		times.workflow.push(await timeRequire('n8n-workflow'));
		times.node.push(await timeRequire(BUILT_NODE));
		times.nodeAfterWorkflow.push(await timeRequire(BUILT_NODE, 'n8n-workflow'));
	}
	const node = median(times.node);
	const workflow = median(times.workflow);
	const nodeAfterWorkflow = median(times.nodeAfterWorkflow);
	const round = (values: number[]) => values.map((value) => Math.round(value * 10) / 10);
	return {
		rows: [
			{
				measure: `6 cold require of dist/nodes/Fal/Fal.node.js vs n8n-workflow alone (median of ${runs})`,
				value: ms(node),
				baseline: ms(workflow),
				ratio: `${ratio(node / workflow)}x`,
				target: '-',
			},
			{
				measure: `6 require of the node with n8n-workflow already loaded (what n8n pays) vs n8n-workflow alone (median of ${runs})`,
				value: ms(nodeAfterWorkflow),
				baseline: ms(workflow),
				ratio: `${ratio(nodeAfterWorkflow / workflow)}x`,
				target: '-',
			},
		],
		raw: {
			'require n8n-workflow, ms': round(times.workflow),
			'require Fal.node.js, ms': round(times.node),
			'require Fal.node.js with n8n-workflow already loaded (what n8n pays), ms': round(
				times.nodeAfterWorkflow,
			),
			'median with n8n-workflow already loaded': ms(nodeAfterWorkflow),
		},
	};
}
