/**
 * The fal.ai node as a user sees it in n8n's editor: starts a real n8n (the
 * end-to-end runtime) on 127.0.0.1, signs in as owner headlessly, opens an
 * example workflow in Debian's Chromium (driven by playwright-core, no browser
 * download) and saves screenshots of the node's panel into docs/.
 *
 *   npm run screenshots            # n8n 2.x; N8N_E2E_LINE=1 for 1.x
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { EMULATOR_ADMIN_FAL_KEY, EMULATOR_FAL_KEY, startFalEmulator } from '../emulator';
import { N8nInstance, type WorkflowJson } from './n8n';
import { REPO_ROOT } from './n8nPackage';
import { ensureN8n } from './runtime';

const DOCS_DIR = join(REPO_ROOT, 'docs');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WORKFLOW_ID = 'screenshotsInpaintFromDisk';
const QUEUE_WORKFLOW_ID = 'screenshotsSubmitWaitResult';
const OTHER_WORKFLOW_ID = 'screenshotsOtherEndpoint';
const EDIT_WORKFLOW_ID = 'screenshotsImageEdit';
const SPEND_WORKFLOW_ID = 'screenshotsSpendReport';
const RUN_WORKFLOW_ID = 'screenshotsRunWorkflow';
const RECEIVER_WORKFLOW_ID = 'shotWebhookReceiver';

async function shoot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: join(DOCS_DIR, `${name}.png`) });
	console.log(`screenshots: wrote docs/${name}.png`);
}

async function main(): Promise<void> {
	const runtime = ensureN8n();
	const n8n = N8nInstance.create(runtime);
	// The editor searches fal's catalogue and reads endpoint schemas: the emulator answers.
	const emulator = await startFalEmulator();
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
	try {
		await n8n.importCredentials([
			{
				id: 'screenshotsCred',
				name: 'fal.ai account',
				type: 'falApi',
				data: { apiKey: EMULATOR_FAL_KEY, proxyUrl: emulator.proxyUrl },
			},
			{
				id: 'screenshotsAdminCred',
				name: 'fal.ai admin key',
				type: 'falApi',
				data: { apiKey: EMULATOR_ADMIN_FAL_KEY, proxyUrl: emulator.proxyUrl },
			},
		]);
		const example = (file: string) =>
			JSON.parse(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')) as WorkflowJson;
		// The workflow example names a workflow of the user's own account; here, the emulator account's, picked from the list.
		const runWorkflow = example('run-fal-workflow.json');
		const stickers = runWorkflow.nodes.find((node) => node.name === 'Sticker Maker')!;
		stickers.parameters.workflow = {
			__rl: true,
			mode: 'list',
			value: 'emulator/sticker-maker',
			cachedResultName: 'Sticker Maker · emulator/sticker-maker',
		};
		await n8n.importWorkflows([
			{ ...example('inpaint-from-disk.json'), id: WORKFLOW_ID },
			{ ...example('submit-wait-get-result.json'), id: QUEUE_WORKFLOW_ID },
			{ ...example('other-endpoint.json'), id: OTHER_WORKFLOW_ID },
			{ ...example('image-edit-two-images.json'), id: EDIT_WORKFLOW_ID },
			{ ...example('daily-spend-report.json'), id: SPEND_WORKFLOW_ID },
			{ ...runWorkflow, id: RUN_WORKFLOW_ID },
			{ ...example('fal-webhook-receiver.json'), id: RECEIVER_WORKFLOW_ID },
		]);
		const url = await n8n.start();
		const session = await n8n.signIn(url);

		const context = await browser.newContext({
			viewport: { width: 1440, height: 1000 },
			deviceScaleFactor: 1,
		});
		await context.addCookies([{ name: 'n8n-auth', value: session, url }]);
		const page = await context.newPage();
		// Leaving a workflow with unsaved edits asks first (beforeunload): leave.
		page.on('dialog', (dialog) => void dialog.accept());
		await page.goto(`${url}/workflow/${WORKFLOW_ID}`);
		const falNode = page.locator('[data-test-id="canvas-node"][data-node-name="fal.ai"]');
		await falNode.waitFor({ timeout: 60_000 });
		await page.waitForTimeout(1500);
		mkdirSync(DOCS_DIR, { recursive: true });
		await shoot(page, 'editor-canvas');

		await falNode.dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor();
		await page.waitForTimeout(800);
		await shoot(page, 'node-panel');

		// Each dropdown is shown open, then closed by clicking it again (Escape would close the panel).
		const openDropdown = async (parameter: string, name: string) => {
			const input = page.locator(`[data-test-id="parameter-input-${parameter}"]`);
			await input.click();
			await page.waitForTimeout(500);
			await shoot(page, name);
			await input.click();
			await page.waitForTimeout(300);
		};
		await openDropdown('resource', 'resource-selector');
		await openDropdown('model', 'model-selector');
		await openDropdown('operation', 'operation-selector');
		await openDropdown('image_url_input', 'image-input');

		// A collection's "Add Option" is a select whose placeholder is that text; the first is the endpoint's Options.
		const addOption = page
			.getByPlaceholder('Add Option')
			.or(page.getByText('Add Option', { exact: true }))
			.first();
		await addOption.scrollIntoViewIfNeeded();
		await addOption.click();
		await page.waitForTimeout(500);
		await shoot(page, 'options');

		// Image Size → Custom shows width and height inside Options.
		await page.getByText('Image Size', { exact: true }).last().click();
		await page.waitForTimeout(500);
		await page.locator('[data-test-id="parameter-input-image_size"]').click();
		await page.getByText('Custom', { exact: true }).last().click();
		await page.waitForTimeout(500);
		// Custom offers Width and Height among the options to add.
		await addOption.click();
		await page.getByText('Image Size Width', { exact: true }).last().click();
		await page.waitForTimeout(300);
		await addOption.click();
		await page.getByText('Image Size Height', { exact: true }).last().click();
		await page.waitForTimeout(500);
		await page
			.locator('[data-test-id="parameter-input-image_size_height"]')
			.scrollIntoViewIfNeeded();
		await shoot(page, 'custom-image-size');

		// Node Options: the cost ceiling and fal's queue options among them.
		const addNodeOption = page
			.getByPlaceholder('Add Node Option')
			.or(page.getByText('Add Node Option', { exact: true }))
			.first();
		await addNodeOption.scrollIntoViewIfNeeded();
		await addNodeOption.click();
		await page.waitForTimeout(600);
		await shoot(page, 'node-options');
		await addNodeOption.click();
		await page.waitForTimeout(300);

		// The panels of the queue and Other Endpoint examples' nodes.
		const openNode = async (
			workflowId: string,
			nodeName: string,
			name: string,
			scrollTo?: string,
		) => {
			await page.goto(`${url}/workflow/${workflowId}`);
			const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
			await node.waitFor({ timeout: 60_000 });
			await page.waitForTimeout(1000);
			await node.dblclick();
			await page.locator('[data-test-id="ndv"]').waitFor();
			await page.waitForTimeout(800);
			if (scrollTo)
				await page.locator(`[data-test-id="parameter-input-${scrollTo}"]`).scrollIntoViewIfNeeded();
			await shoot(page, name);
		};
		await openNode(QUEUE_WORKFLOW_ID, 'Submit', 'submit-without-waiting', 'webhookUrl');
		await openNode(QUEUE_WORKFLOW_ID, 'Get Result', 'queue-get-result');
		await openNode(OTHER_WORKFLOW_ID, 'Remove Background', 'other-endpoint');

		// Any fal Endpoint (version 2): the image-edit example's typed fields, then the endpoint search.
		await openNode(EDIT_WORKFLOW_ID, 'fal.ai', 'typed-fields');
		await page.waitForTimeout(1500);
		await page
			.locator('[data-test-id="ndv"]')
			.getByText('Image URLs', { exact: false })
			.first()
			.scrollIntoViewIfNeeded();
		await page.waitForTimeout(500);
		await shoot(page, 'typed-fields');
		const locator = page
			.locator('[data-test-id="resource-locator-dropdown"], [data-test-id="rlc-input"]')
			.first();
		await page.locator('[data-test-id="parameter-input-endpoint"]').scrollIntoViewIfNeeded();
		await page.locator('[data-test-id="parameter-input-endpoint"]').click();
		await page.waitForTimeout(800);
		await page.keyboard.type('video', { delay: 50 });
		await page.waitForTimeout(1500);
		await locator.waitFor({ timeout: 5_000 }).catch(() => undefined);
		await shoot(page, 'endpoint-search');

		// The Platform resources: Account → Get Usage (the spend report), Workflow → Run with its typed fields.
		await openNode(SPEND_WORKFLOW_ID, 'fal.ai Usage', 'account-get-usage');
		await openNode(RUN_WORKFLOW_ID, 'Sticker Maker', 'workflow-run');
		await page.waitForTimeout(1500);
		await shoot(page, 'workflow-run');

		// Queue Request → Verify Webhook, as the webhook receiver example uses it.
		await openNode(RECEIVER_WORKFLOW_ID, "Verify fal's Signature", 'verify-webhook');
	} finally {
		await browser.close();
		await n8n.dispose();
		await emulator.stop();
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exitCode = 1;
});
