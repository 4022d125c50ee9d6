// An investigation's views on a demo vault, as an analyst uses them: the link graph filtered by
// kind (graph and table follow the filter), a node selected and its neighbours added from the
// table by keyboard-reachable buttons, the timeline with the alerts' own events beside the case's
// activity, an alert opened in the detail panel, and an alert removed from the case after a
// confirmation (it goes back to acknowledged, and the timeline records it).
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, invokeOk, setUpThroughWizard, goTo as open } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  await expect(page.getByRole('tab', { name: new RegExp(`^${tab}`) })).toHaveAttribute('aria-selected', 'true');
}

interface CaseRow { id: string; key: string; status: string; alertCount: number }

test('graph filtered by kind, neighbours added, alert events on the timeline, an alert opened and removed from the case', async ({ page }) => {
  test.setTimeout(180_000);
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 3000, seed: 11, days: 21 });
  const list = await invokeOk<{ rows: CaseRow[] }>(page, 'investigations.list', { status: ['open', 'in_progress', 'pending'], limit: 50 });
  // A case that takes changes, with a few alerts (so one, then two at once, can be removed and some remain).
  const chosen = list.rows.filter((row) => row.alertCount >= 4).sort((a, b) => a.alertCount - b.alertCount)[0];
  if (!chosen) throw new Error('The demo vault holds no open investigation with alerts');
  await open(page, `investigation/${chosen.id}`, 'investigation');

  // --- the link graph, filtered by kind ---
  await openTab(page, 'Entities');
  const graph = page.getByTestId('entity-graph');
  await expect(graph).toBeVisible();
  const table = page.getByTestId('entities-table');
  const rows = table.locator('tbody tr');
  const allRows = await rows.count();
  expect(allRows).toBeGreaterThan(1);
  const filter = page.getByTestId('entity-kind-filter');
  const kinds = filter.locator('input[type="checkbox"]');
  expect(await kinds.count()).toBeGreaterThan(1);
  const firstKind = kinds.first();
  const kindName = ((await firstKind.getAttribute('data-testid')) ?? '').replace('kind-filter-', '');
  const ofKind = Number(/\((\d+)\)/.exec(await filter.locator('label').first().innerText())?.[1] ?? '0');
  // From the keyboard: the filter is a set of checkboxes.
  await firstKind.focus();
  await page.keyboard.press('Space');
  await expect(firstKind).not.toBeChecked();
  await expect(rows).toHaveCount(allRows - ofKind);
  await expect(table.locator('td .kind-cell', { hasText: new RegExp(`^\\s*${kindName}\\s*$`) })).toHaveCount(0);
  await expect(graph).toHaveAttribute('aria-label', new RegExp(`\\(${ofKind} hidden by the kind filter\\)`));
  await expectAccessible(page, 'entities tab, filtered');
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(rows).toHaveCount(allRows);

  // --- select an entity and add its neighbours, from the table ---
  await table.getByTestId('entity-select').first().click();
  await expect(page.getByTestId('graph-selection')).toContainText(/linked to \d+/);
  // Expanded from the selection line: the table re-sorts as neighbours join it.
  const selection = page.getByTestId('graph-selection');
  await selection.getByTestId('entity-expand').click();
  await expect(selection.getByTestId('entity-expand')).toHaveText('Expanded');
  expect(await rows.count()).toBeGreaterThanOrEqual(allRows);

  // --- the timeline: the alerts' own events beside the case's activity ---
  await openTab(page, 'Timeline');
  const events = page.locator('[data-testid="timeline-item"][data-kind="occurrence"]');
  await expect(events.first()).toBeVisible();
  expect(await events.count()).toBeGreaterThanOrEqual(3);
  await expect(page.locator('[data-testid="timeline-item"][data-kind="status"]').first()).toBeVisible();
  await expect(events.first()).toContainText('Alert event');
  // The case's activity alone, then both again.
  await page.getByTestId('timeline-show-occurrences').uncheck();
  await expect(events).toHaveCount(0);
  await page.getByTestId('timeline-show-occurrences').check();
  await expect(events.first()).toBeVisible();
  // An alert's own event opens that alert, not just the Alerts tab.
  // "Alert occurred (critical): <the alert's title>"
  const eventTitle = (await events.first().getByRole('button').innerText()).trim().replace(/^[^:]*:\s*/, '');
  await events.first().getByRole('button').click();
  await expect(page.getByRole('tab', { name: /^Alerts/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('alert-detail')).toBeVisible();
  await expect(page.getByTestId('alert-detail')).toContainText(eventTitle.slice(0, 20));
  await page.getByTestId('alert-detail-close').click();
  await openTab(page, 'Timeline');

  // --- the alerts tab: open one in the detail panel, then remove one from the case ---
  await openTab(page, 'Alerts');
  const alertRows = page.getByTestId('investigation-alerts').locator('tbody tr');
  const before = await alertRows.count();
  expect(before).toBe(Math.min(chosen.alertCount, 100));
  await page.getByTestId('investigation-alert-open').first().click();
  await expect(page.getByTestId('alert-detail')).toBeVisible();
  await page.getByTestId('alert-detail-close').click();
  await expect(page.getByTestId('alert-detail')).toHaveCount(0);

  const removedTitle = (await page.getByTestId('investigation-alert-open').first().innerText()).trim();
  await page.getByTestId('investigation-alert-remove').first().click();
  const dialog = page.getByTestId('remove-alert-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('acknowledged');
  // Cancel first: nothing changes.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(alertRows).toHaveCount(before);

  await page.getByTestId('investigation-alert-remove').first().click();
  await page.getByTestId('remove-alert-reason').fill('Different actor');
  await page.getByTestId('remove-alert-confirm').click();
  await expect(page.getByTestId('remove-alert-dialog')).toHaveCount(0);
  await expect(alertRows).toHaveCount(before - 1);
  await expect(page.getByRole('tab', { name: /^Alerts/ })).toContainText(String(before - 1));
  const remaining = await invokeOk<{ count: number }>(page, 'alerts.count', { investigationId: chosen.id });
  expect(remaining.count).toBe(before - 1);

  // Several at once: tick two (the second with shift-click, a range), remove them in one step.
  const picks = page.getByTestId('investigation-alert-pick');
  await picks.nth(0).check();
  await picks.nth(1).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('investigation-alerts-pick-count')).toHaveText('2 selected');
  await page.getByTestId('investigation-alerts-remove-picked').click();
  await expect(dialog).toContainText('Remove 2 alerts from');
  await expect(page.getByTestId('remove-alert-titles').locator('li')).toHaveCount(2);
  await page.getByTestId('remove-alert-confirm').click();
  await expect(page.getByTestId('investigation-alerts-removed')).toContainText('Removed 2 alerts from');
  await expect(alertRows).toHaveCount(before - 3);
  expect((await invokeOk<{ count: number }>(page, 'alerts.count', { investigationId: chosen.id })).count).toBe(before - 3);

  await openTab(page, 'Timeline');
  await expect(page.locator('[data-testid="timeline-item"][data-kind="alert"]', { hasText: 'Alert removed' })).toContainText(removedTitle.slice(0, 20));
  await expect(page.locator('[data-testid="timeline-item"][data-kind="alert"]', { hasText: 'Alert removed' })).toContainText('back to acknowledged');
});
