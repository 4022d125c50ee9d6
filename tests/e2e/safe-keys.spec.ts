// Safe keys: in the triage queue `d` then Enter dismisses with the default reason, shown checked (the
// reason list no longer takes Enter); the command palette opens an investigation by its short key.
import { expect, test, type Page } from '@playwright/test';
import { expectPage, invokeFromPage, invokeOk, setUpThroughWizard, goTo as open } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

/** A vault through the wizard with a few hundred demo alerts, on the triage queue with only new alerts. */
async function queueOfNewAlerts(page: Page): Promise<void> {
  await setUpThroughWizard(page, server.url);
  await open(page, 'triage', 'triage');
  expect((await invokeFromPage(page, 'demo.generate', { alerts: 300, seed: 3, days: 7, investigations: 0 })).ok).toBe(true);
  await page.reload();
  await open(page, 'triage/status=new', 'triage');
  await expect(page.getByTestId('vtable-row').first()).toBeVisible();
}

test('d then Enter dismisses the current alert with the default reason', async ({ page }) => {
  test.setTimeout(90_000);
  await queueOfNewAlerts(page);
  const before = await invokeOk<{ rows: { id: string }[] }>(page, 'alerts.list', { status: ['new'], limit: 1 });
  const firstId = before.rows[0]?.id ?? '';

  // The bulk bar says what each action does: a case takes alerts by "Add to investigation…".
  await page.getByTestId('vtable-row').first().click();
  await expect(page.getByTestId('bulk-bar').getByRole('button', { name: 'Add to investigation…' })).toBeVisible();
  await page.getByTestId('clear-selection').click();

  // Focus starts on the first row: the verdict keys apply to it.
  await page.getByTestId('triage-table').focus();
  await page.keyboard.press('d');
  const dialog = page.getByTestId('dismiss-dialog');
  await expect(dialog).toBeVisible();
  // The default reason is visible and checked; focus is on the button that confirms.
  await expect(dialog.getByTestId('dismiss-reason-false_positive')).toBeChecked();
  await expect(dialog.getByTestId('dismiss-confirm')).toBeFocused();
  await expect(dialog.getByTestId('dismiss-confirm')).toContainText('false positive');

  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('triage-result')).toContainText('Dismissed: 1 alert changed');
  const dismissed = await invokeOk<{ status: string; dismissReason: string | null }>(page, 'alerts.get', { alertId: firstId });
  expect(dismissed).toMatchObject({ status: 'dismissed', dismissReason: 'false_positive' });

  // Esc cancels without dismissing anything (focus moved on to the next row).
  await page.keyboard.press('d');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('triage-result')).toContainText('Dismissed: 1 alert changed');

  // The command palette runs the same verdicts on the focused alert.
  await page.keyboard.press('Control+Shift+P');
  await page.getByTestId('command-input').fill('acknowledge');
  await expect(page.getByTestId('command-palette').getByTestId('command-option').first()).toContainText('Acknowledge');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('triage-result')).toContainText(/Acknowledged.*1 alert changed/);
});

test('the palette opens an investigation by its short key', async ({ page }) => {
  test.setTimeout(90_000);
  await setUpThroughWizard(page, server.url);
  await open(page, 'triage', 'triage');
  let key = '';
  for (let i = 1; i <= 3; i += 1) key = (await invokeOk<{ key: string }>(page, 'investigations.create', { title: `Palette case ${i}` })).key;
  const number = Number(key.split('-')[2]);

  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await page.getByTestId('command-input').fill(`INV-${number}`);
  await expect(palette.getByTestId('command-option').first()).toContainText(`Open ${key}: Palette case 3`);
  await page.keyboard.press('Enter');
  await expectPage(page, 'investigation');
  await expect(page.getByTestId('investigation-key')).toHaveText(key);
});
