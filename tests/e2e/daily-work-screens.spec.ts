// The daily-work screens at the widths analysts use (1440, 1024, 800 px) in both themes, on a demo
// vault: the triage queue with its Assignee column and the detail panel, the investigations list, an
// investigation's link graph and timeline, the notifications panel and the export dialog. Screenshots
// for a person to look at (E2E_SHOTS_DIR); axe runs on each (contrast differs per theme),
// and nothing may scroll sideways at any width.
import { expect, test, type Page } from '@playwright/test';
import { captureWidths, DAILY_WIDTHS, invokeOk, setUpThroughWizard, goTo as open } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

async function capture(page: Page, name: string): Promise<void> {
  await captureWidths(page, name, { widths: DAILY_WIDTHS });
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `${name}: nothing scrolls sideways`).toBeLessThanOrEqual(widths.client);
}

/** A demo vault through the wizard, three alerts assigned to me (so the Assignee column and the bell have something to show). */
async function demoVault(page: Page): Promise<void> {
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 3000, seed: 11, days: 21 });
  const me = (await invokeOk<{ id: string; username: string }[]>(page, 'users.directory', {}))[0]?.id ?? '';
  const some = await invokeOk<{ rows: { id: string }[] }>(page, 'alerts.list', { limit: 6 });
  await invokeOk(page, 'alerts.bulk', { selection: { ids: some.rows.slice(0, 3).map((row) => row.id) }, action: { kind: 'assign', assigneeId: me } });
  await page.reload();
}

// Two tests, each on its own server, so neither holds all the captures (7 screens × 3 widths × 2
// themes) against one timeout.
test('triage, its detail panel and the export dialog at 1440, 1024 and 800 px', async ({ page }) => {
  test.setTimeout(240_000);
  await demoVault(page);
  await open(page, 'triage', 'triage');
  await expect(page.getByTestId('vtable-row').first()).toBeVisible();
  await capture(page, '70-triage');
  await page.getByTestId('vtable-row').first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('alert-detail')).toBeVisible();
  await capture(page, '71-triage-detail');
  await page.keyboard.press('Escape');

  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-plan')).toBeVisible();
  await capture(page, '72-export-dialog');
  await page.getByTestId('export-close').click();
});

test('investigations, an investigation\'s graph and timeline, and notifications at 1440, 1024 and 800 px', async ({ page }) => {
  test.setTimeout(240_000);
  await demoVault(page);
  await open(page, 'investigations', 'investigations');
  await expect(page.getByTestId('investigations-table')).toBeVisible();
  await capture(page, '73-investigations');

  const list = await invokeOk<{ rows: { id: string; alertCount: number }[] }>(page, 'investigations.list', { limit: 50 });
  const chosen = [...list.rows].sort((a, b) => b.alertCount - a.alertCount)[0];
  if (!chosen) throw new Error('The demo vault holds no investigation');
  await open(page, `investigation/${chosen.id}`, 'investigation');
  await page.getByRole('tab', { name: /^Entities/ }).click();
  await expect(page.getByTestId('entity-graph')).toBeVisible();
  await capture(page, '74-investigation-graph');
  await page.getByRole('tab', { name: /^Timeline/ }).click();
  await capture(page, '75-investigation-timeline');
  await page.getByRole('tab', { name: /^Alerts/ }).click();
  await page.getByTestId('investigation-alert-pick').first().check();
  await capture(page, '77-investigation-alerts-picked');

  await page.getByTestId('notification-bell').click();
  await capture(page, '76-notifications');
});
