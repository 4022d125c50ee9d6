// "My work" in the browser mode: the triage view lives in the address (filters, assignee, sort) and
// comes back on reload; "assigned to me" shows the signed-in analyst's alerts with their name in the
// Assignee column; a header click sorts by severity; the investigations list filters to mine; and at
// 800 px the queue, the filter bar and the investigations list fit without sideways scrolling while
// the occurred time stays whole.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, expectPage, invokeOk, setUpThroughWizard, goTo as go } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

interface AlertRowLike { id: string; severity: string; assignee: { displayName: string } | null }

/** The page's width against the viewport: nothing may scroll sideways. */
async function expectNoSidewaysOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

async function seed(page: Page): Promise<{ myId: string; mine: string[] }> {
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 1500, seed: 3, days: 20, investigations: 0 });
  const directory = await invokeOk<{ id: string; username: string }[]>(page, 'users.directory', {});
  const myId = directory.find((user) => user.username === ADMIN.username)?.id ?? '';
  const some = await invokeOk<{ rows: AlertRowLike[] }>(page, 'alerts.list', { limit: 12 });
  const mine = some.rows.slice(0, 5).map((row) => row.id);
  await invokeOk(page, 'alerts.bulk', { selection: { ids: mine }, action: { kind: 'assign', assigneeId: myId } });
  return { myId, mine };
}

test('the triage view is in the address: filter, assignee and sort survive a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { mine } = await seed(page);
  await go(page, 'triage', 'triage');

  await page.getByTestId('triage-filter-assignee').selectOption('me');
  await expect(page).toHaveURL(/#triage\/assignee=me/);
  await expect(page.getByTestId('triage-count')).toHaveText('5 alerts match');
  const rows = page.getByTestId('vtable-row');
  await expect(rows).toHaveCount(5);
  for (const id of mine) await expect(page.locator(`[data-row-id="${id}"]`)).toContainText(ADMIN.displayName);

  await page.getByTestId('triage-filter-severity').selectOption('high');
  await page.getByTestId('triage-col-severity').getByRole('button').click();
  await expect(page).toHaveURL(/assignee=me/);
  await expect(page).toHaveURL(/severity=high/);
  await expect(page).toHaveURL(/sort=severity/);

  await page.reload();
  await expectPage(page, 'triage');
  await expect(page.getByTestId('triage-filter-assignee')).toHaveValue('me');
  await expect(page.getByTestId('triage-filter-severity')).toHaveValue('high');
  await expect(page.getByTestId('triage-order')).toHaveValue('severity-newest');
  await expect(page.locator('[role="columnheader"][aria-sort="descending"]')).toContainText('Severity');

  // Unassigned: none of mine.
  await page.getByTestId('triage-filter-severity').selectOption('');
  await page.getByTestId('triage-filter-assignee').selectOption('none');
  await expect(page).toHaveURL(/assignee=none/);
  await expect(rows.first()).toBeVisible();
  for (const id of mine) await expect(page.locator(`[data-row-id="${id}"]`)).toHaveCount(0);
});

test('sorting by severity from the header: critical first, then flipped to low first', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await seed(page);
  await go(page, 'triage', 'triage');
  const header = page.getByTestId('triage-col-severity').getByRole('button');
  await header.click();
  await expect(page).toHaveURL(/sort=severity/);
  await expect(page.getByTestId('vtable-row').first()).toContainText(/critical/i);
  await header.click();
  await expect(page).toHaveURL(/order=oldest/);
  await expect(page.getByTestId('vtable-row').first()).toContainText(/low/i);
  // Keyboard: the resize handle is reachable and widens the column by arrow keys.
  const handle = page.getByTestId('triage-col-title-resize');
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 16));
  // The width is this user's: it is still there after a reload.
  await expect.poll(async () => {
    await page.reload();
    await expect(page.getByTestId('vtable-row').first()).toBeVisible();
    return page.getByTestId('triage-col-title-resize').getAttribute('aria-valuenow');
  }, { timeout: 15_000 }).toBe(String(before + 16));
});

test('the investigations list: assigned to me after promoting, Start work on an unassigned case', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { mine } = await seed(page);
  const promoted = await invokeOk<{ key: string }>(page, 'alerts.promote', { selection: { ids: mine.slice(0, 2) }, investigation: { title: 'Mine by default' } });
  const waiting = await invokeOk<{ key: string }>(page, 'investigations.create', { title: 'Waiting for someone' });

  await go(page, 'investigations', 'investigations');
  await page.getByTestId('investigations-filter-assignee').selectOption('me');
  await expect(page).toHaveURL(/#investigations\/assignee=me/);
  const table = page.getByTestId('investigations-table');
  await expect(table).toContainText(promoted.key);
  await expect(table).not.toContainText(waiting.key);

  await page.getByTestId('investigations-filter-assignee').selectOption('none');
  await expect(table).toContainText(waiting.key);
  await page.getByRole('button', { name: `Start work on ${waiting.key}` }).click();
  await page.getByTestId('investigations-filter-assignee').selectOption('me');
  await expect(table).toContainText(waiting.key);
  await expect(table.locator('tr', { hasText: waiting.key })).toContainText('In progress');
});

test('at 800 px the queue and the investigations list fit: no sideways scroll, the time whole', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 800, height: 800 });
  await seed(page);
  await go(page, 'triage', 'triage');
  await expect(page.getByTestId('vtable-row').first()).toBeVisible();
  await expectNoSidewaysOverflow(page);
  const grid = page.getByTestId('triage-table');
  const fits = await grid.evaluate((element) => element.scrollWidth <= element.clientWidth);
  expect(fits).toBe(true);
  // The occurred time is never cut: its cell holds the whole text.
  const timeCells = page.locator('[data-testid="vtable-row"] [role="gridcell"].mono').first();
  const whole = await timeCells.evaluate((cell) => cell.scrollWidth <= cell.clientWidth);
  expect(whole).toBe(true);
  // Columns that stepped aside are named in the Columns menu.
  await page.getByTestId('triage-columns').locator('summary').click();
  await expect(page.getByTestId('triage-columns')).toContainText('Hidden to fit this window');

  await page.getByTestId('triage-filter-assignee').selectOption('me');
  await expectNoSidewaysOverflow(page);

  await go(page, 'investigations', 'investigations');
  await expectNoSidewaysOverflow(page);
});
