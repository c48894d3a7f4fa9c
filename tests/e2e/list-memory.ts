// Node (a script, not a test). The renderer's JS heap after scrolling 5,000 OT rows (issue 13, "Memory"):
//   npx tsx tests/e2e/list-memory.ts [--data-dir D --user NAME --password P] [--database-url postgres://…] [--rows 5000]
// With a data folder (the seed's), it signs in with the given account; without one it makes a scratch folder
// with 6,000 OTs of its own. It opens the OT list on every status, scrolls until `--rows` rows have gone past
// (the list keeps at most 4 pages of 50 in memory and drops the rest), then prints the heap measured through CDP
// (Runtime.getHeapUsage, after a forced GC) and `performance.memory`, and how many rows are in the DOM.
// Needs `npm run build:renderer` first. The page is reached by its hash route (see tests/e2e/lists.spec.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';
import { startHarness } from '../harness/harness-server';
import { insertOrders, makePlant } from '../support/list-fixtures';

function arg(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const ROWS = Number(arg('rows') ?? 5000);
const ALL_STATUSES = 'draft,planned,in_progress,on_hold,done,closed,cancelled';

async function main() {
  const given = arg('data-dir');
  const dataDir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-list-memory-'));
  const harness = await startHarness({ dataDir, databaseUrl: arg('database-url') ?? null });
  let user = arg('user');
  let password = arg('password');
  try {
    if (!given) {
      user = 'm.dupont';
      password = 'clé à molette 17 mm';
      const setup = await harness.core.dispatcher.dispatch({ windowId: 'seed', url: harness.url }, 'auth:setupFirstAdmin', {
        username: user,
        displayName: 'Marie Dupont',
        email: 'marie.dupont@usine.example',
        password,
        passwordConfirmation: password,
      });
      if (!setup.ok) throw new Error(setup.error.code);
      const db = harness.core.database.kysely;
      const plant = await makePlant(db);
      const now = Date.now();
      await insertOrders(
        db,
        Array.from({ length: ROWS + 1000 }, (_, i) => ({ equipmentId: plant.press, locationId: plant.line1, title: `Intervention ${i}`, description: 'Contrôle et graissage des guides', dueAt: now + i * 60_000, assignees: [1] })),
      );
    }
    if (!user || !password) throw new Error('--user and --password are needed with --data-dir');

    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    await page.goto(harness.url);
    await page.getByLabel('Identifiant ou adresse e-mail').fill(user);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Verrouiller' }).waitFor();
    await page.evaluate((statuses) => {
      window.location.hash = `/ot?statut=${statuses}`;
    }, ALL_STATUSES);
    const scroller = page.locator('.data-table__scroll');
    await page.locator('tbody tr[data-index]').first().waitFor();

    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      const perf = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null);
      return { usedMB: usage.usedSize / 2 ** 20, totalMB: usage.totalSize / 2 ** 20, performanceMemoryMB: perf === null ? null : perf / 2 ** 20 };
    };
    const before = await heap();

    // Scroll a screen at a time; the table asks for the next keyset page near the end and drops pages far above.
    // Rows gone past: the distinct rows seen in the DOM (kept here, in Node, not in the page).
    const seen = new Set<string>();
    const started = Date.now();
    let stalled = 0;
    while (seen.size < ROWS && stalled < 50) {
      await scroller.evaluate((element) => element.scrollBy(0, element.clientHeight));
      await page.waitForTimeout(30);
      const before = seen.size;
      for (const label of await page.locator('tbody tr[data-index]').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''))) seen.add(label);
      stalled = seen.size === before ? stalled + 1 : 0;
      if (stalled > 0) await page.waitForTimeout(200); // the next keyset page is on its way
      if (Date.now() - started > 10 * 60_000) break;
    }
    const passed = seen.size;
    const after = await heap();
    const domRows = await page.locator('tbody tr[data-index]').count();
    const keptRows = Number(await page.getByRole('table').getAttribute('aria-rowcount')) - 1;
    console.log(JSON.stringify({ rowsScrolled: passed, domRows, rowsKeptInRenderer: keptRows, heapBefore: before, heapAfter: after, seconds: (Date.now() - started) / 1000 }, null, 2));
    await browser.close();
  } finally {
    await harness.close();
    if (!given) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
