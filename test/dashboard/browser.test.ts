import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startDashboard, type DashboardServer } from '../../src/dashboard';
import { HOTKEYS, result, tempDir, writeLedger, writeRound } from './fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/** Points in the path of one series of a server-rendered line chart. */
const POINTS = (selector: string) => `(() => { const p = document.querySelector(${JSON.stringify(selector)}); return p ? p.getAttribute('d').split(' L').length : 0; })()`;

describe('dashboard in headless Chromium', () => {
  let browser: Browser | undefined;
  let server: DashboardServer | undefined;
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the table and charts from live data, updates without a reload, and saves a screenshot', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is missing at ${CHROMIUM}: the dashboard browser test needs it (.ci/run installs Debian's chromium with apt; or set CHROMIUM_PATH)`);
    }
    const stateDir = tempDir('browser');
    const ledgerDir = tempDir('browser-ledger');
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.04), result(2, HOTKEYS[1], 150)]);
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.05), result(2, HOTKEYS[1], 155), result(3, HOTKEYS[2], 0, { outcome: 'unavailable', reason: '<b>hostile</b> reason' })]);
    writeLedger(ledgerDir);
    server = await startDashboard({ port: 0, sources: { validatorStateDir: stateDir, ledgerDir }, refreshMs: 100 });

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, bypassCSP: true }) // the page's CSP forbids eval, which string evaluation in the test needs;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction("document.getElementById('status').className === 'live'", undefined, { timeout: 10_000 });

    // The table: one row per miner, with the values from the fixture files.
    const rows = page.locator('#miners tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await page.locator('tr[data-uid="2"] td.c-tflops').textContent()).toBe('155');
    expect(await page.locator('tr[data-uid="3"] td.c-outcome').textContent()).toBe('unavailable');
    expect(await page.locator('tr[data-uid="3"] td.c-reason').textContent()).toBe('<b>hostile</b> reason');
    expect(await page.locator('#miners b').count()).toBe(0); // the hostile reason is text, not markup

    // The charts: throughput per round (one point per round), class mix, books.
    expect(await page.evaluate(POINTS('#throughput-chart path[data-series="uid-2"]'))).toBe(2);
    expect(await page.locator('#class-mix svg rect').count()).toBeGreaterThan(0);
    expect(await page.evaluate(POINTS('#books-chart path[data-series="burned"]'))).toBe(4);
    expect(await page.locator('#books-totals').textContent()).toContain('alpha burned 4.6000');

    // Live: a new round appears without a reload.
    await page.evaluate('window.__marker = 42');
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.06), result(2, HOTKEYS[1], 171.5), result(3, HOTKEYS[2], 0, { outcome: 'unavailable' }), result(4, HOTKEYS[0], 0.01)]);
    await page.waitForFunction("document.querySelectorAll('#miners tbody tr').length === 4", undefined, { timeout: 10_000 });
    expect(await page.locator('tr[data-uid="2"] td.c-tflops').textContent()).toBe('171.5');
    expect(await page.evaluate(POINTS('#throughput-chart path[data-series="uid-2"]'))).toBe(3);
    expect(await page.evaluate('window.__marker')).toBe(42); // same document: no reload

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'dashboard.png'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
