/**
 * The fal.ai node as a user sees it in n8n's editor: starts a real n8n (the
 * end-to-end runtime) on 127.0.0.1, sets up the owner headlessly, opens an
 * example workflow in Debian's Chromium (driven by playwright-core, no browser
 * download) and saves screenshots of the node's panel into docs/.
 *
 *   npm run screenshots            # n8n 2.x; N8N_E2E_LINE=1 for 1.x
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { EMULATOR_FAL_KEY } from '../emulator';
import { N8nInstance, REPO_ROOT, type WorkflowJson } from './n8n';
import { ensureN8n } from './runtime';

const DOCS_DIR = join(REPO_ROOT, 'docs');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Screenshots-1' };
const WORKFLOW_ID = 'screenshotsInpaintFromDisk';

async function setUpOwner(url: string): Promise<string> {
	const answer = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!answer.ok) throw new Error(`owner setup answered ${answer.status}: ${await answer.text()}`);
	const cookie = answer.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
	if (!cookie) throw new Error('owner setup set no n8n-auth cookie');
	return cookie.slice('n8n-auth='.length).split(';')[0];
}

async function shoot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: join(DOCS_DIR, `${name}.png`) });
	console.log(`screenshots: wrote docs/${name}.png`);
}

async function main(): Promise<void> {
	const runtime = ensureN8n();
	const n8n = N8nInstance.create(runtime);
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	try {
		await n8n.importCredentials([
			{ id: 'screenshotsCred', name: 'fal.ai account', type: 'falApi', data: { apiKey: EMULATOR_FAL_KEY, proxyUrl: '' } },
		]);
		const workflow = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'inpaint-from-disk.json'), 'utf8')) as WorkflowJson;
		await n8n.importWorkflows([{ ...workflow, id: WORKFLOW_ID }]);
		const url = await n8n.start();
		const session = await setUpOwner(url);

		const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
		await context.addCookies([{ name: 'n8n-auth', value: session, url }]);
		const page = await context.newPage();
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
		await openDropdown('model', 'model-selector');
		await openDropdown('operation', 'operation-selector');
		await openDropdown('image_url_input', 'image-input');

		// A collection's "Add Option" is a select whose placeholder is that text; the first is the endpoint's Options.
		const addOption = page.getByPlaceholder('Add Option').or(page.getByText('Add Option', { exact: true })).first();
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
		await page.locator('[data-test-id="parameter-input-image_size_height"]').scrollIntoViewIfNeeded();
		await shoot(page, 'custom-image-size');
	} finally {
		await browser.close();
		await n8n.dispose();
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exitCode = 1;
});
