// Search and the triage filter bar agree: a filter-only search counts every match (not the rows it
// lists), a saved query opens as the triage queue's filter with the same count, and the source box
// completes from the sources present and filters by prefix. Then the bulk Assign dialog offers the
// analyst themself, and its toast clears by itself without moving the table.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, invokeOk, setUpThroughWizard, goTo as open } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

const count = async (page: Page, filter: object): Promise<number> => (await invokeOk<{ count: number }>(page, 'alerts.count', filter)).count;

test('a filter-only search counts every match, opens as the triage filter, and the source box completes by prefix', async ({ page }) => {
  test.setTimeout(120_000);
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 3000, seed: 5, days: 14, investigations: 0 });
  const critical = await count(page, { severity: ['critical'] });
  // More critical alerts than a search lists (it lists at most 200): the count must not be the list.
  expect(critical).toBeGreaterThan(200);

  await open(page, 'search/severity:critical', 'search');
  const results = page.getByTestId('search-results');
  await expect(results.getByRole('heading', { level: 2 })).toContainText(`${critical.toLocaleString('en-US')} results`);
  await expect(page.getByRole('list', { name: 'Results by kind' })).toContainText(critical.toLocaleString('en-US'));

  await page.getByTestId('search-save-open').click();
  await page.getByTestId('search-save-name').fill('Critical queue');
  await page.getByTestId('search-save-confirm').click();
  const saved = page.getByTestId('saved-queries');
  await expect(saved).toContainText('Critical queue');
  // Recent keeps the whole count, not the listed rows.
  await expect(page.getByTestId('search-history')).toContainText(critical.toLocaleString('en-US'));

  await saved.getByTestId('open-in-triage').click();
  await expect(page.locator('main[data-page="triage"]')).toBeVisible();
  await expect(page.getByTestId('triage-filter-severity')).toHaveValue('critical');
  await expect(page.getByTestId('triage-count')).toHaveText(`${critical.toLocaleString('en-US')} alerts match`);
  expect(decodeURIComponent(page.url())).toContain('severity=critical');

  // The source box offers the sources present that start with what is typed, and filters by that prefix.
  const source = page.getByTestId('triage-filter-source');
  await source.fill('fra');
  const listId = await source.getAttribute('list');
  await expect(page.locator(`datalist[id="${listId}"] option`)).toHaveCount(1);
  await expect(page.locator(`datalist[id="${listId}"] option`)).toHaveAttribute('value', 'fraud-engine');
  await page.getByTestId('triage-apply').click();
  const fraudCritical = await count(page, { severity: ['critical'], sourcePrefix: 'fra' });
  await expect(page.getByTestId('triage-count')).toHaveText(`${fraudCritical.toLocaleString('en-US')} ${fraudCritical === 1 ? 'alert matches' : 'alerts match'}`);
  expect(fraudCritical).toBe(await count(page, { severity: ['critical'], source: 'fraud-engine' }));
});

test('Assign offers me first, and its toast clears by itself without moving the table', async ({ page }) => {
  test.setTimeout(90_000);
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 200, seed: 9, days: 7, investigations: 0 });
  await page.reload();
  await open(page, 'triage/status=new', 'triage');
  const firstRow = page.getByTestId('vtable-row').first();
  await expect(firstRow).toBeVisible();

  // A click selects that row alone.
  await firstRow.click();
  await page.getByTestId('bulk-assign').click();
  const dialog = page.getByTestId('assign-dialog');
  await expect(dialog).toBeVisible();
  // The current analyst, never "Nobody", is the default choice.
  await expect(dialog.getByTestId('assign-user').locator('option:checked')).toContainText(ADMIN.displayName);
  await expect(dialog.getByTestId('assign-confirm')).toHaveText('Assign');

  const tableTop = async () => (await page.getByTestId('triage-table').boundingBox())?.y ?? -1;
  const before = await tableTop();
  await dialog.getByTestId('assign-confirm').click();
  const toast = page.getByTestId('triage-result');
  await expect(toast).toContainText('1 alert changed');
  expect(await tableTop()).toBe(before);
  // It goes by itself within a few seconds (MESSAGE_SECONDS), and the table stays where it was.
  await expect(toast).toBeHidden({ timeout: 10_000 });
  expect(await tableTop()).toBe(before);
  await expect(firstRow).toContainText(ADMIN.displayName);
});
