// An administrator's backup and restore, end to end in the browser mode: demo data → "Back up now"
// on the Backups screen → verify it → change the vault (a user and an investigation) → restore that
// backup through the GUI, typing the vault name → back at sign-in → sign in again → the changes are
// gone, the data before them is there → the audit log shows the restore. Then one investigation is
// restored from the same backup (already complete: nothing written). Screens captured in both themes.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, captureBothThemes, expectPage, expectScreen, invokeFromPage, setUpThroughWizard, goTo as go } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

async function invokeOk<T>(page: Page, channel: string, input: unknown = {}): Promise<T> {
  const result = await invokeFromPage(page, channel, input);
  expect(result.ok, `${channel}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value as T;
}

async function usernames(page: Page): Promise<string[]> {
  return (await invokeOk<{ username: string }[]>(page, 'users.list')).map((u) => u.username).sort();
}

async function investigationKeys(page: Page): Promise<string[]> {
  return (await invokeOk<{ rows: { key: string }[] }>(page, 'investigations.list', { limit: 200 })).rows.map((r) => r.key).sort();
}

test('back up now → verify → change → restore through the GUI → sign in → changes gone → restore audited', async ({ page }) => {
  test.setTimeout(180_000);
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 400, investigations: 3 });
  await invokeOk(page, 'users.create', { username: 'bob', displayName: 'Bob Example', role: 'analyst' });
  const usersBefore = await usernames(page);
  const keysBefore = await investigationKeys(page);
  expect(keysBefore.length).toBeGreaterThan(0);

  // --- the Backups screen, from the navigation ---
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
  await expectPage(page, 'backups');
  const table = page.getByTestId('backups-table');
  await expect(table).toContainText('No backups yet');
  await expect(page.getByTestId('backup-last-success')).toHaveText('Never');

  // --- back up now: the progress bar while it runs, then the new row ---
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-progress')).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('backup-progress')).toBeHidden();
  await expect(table.locator('tbody tr').first()).toContainText('Manual');
  await expect(table.locator('tbody tr').first()).toContainText('2 users');
  await expect(page.getByTestId('backup-last-success')).toHaveText('just now');

  // --- verify it ---
  await page.getByTestId('backup-verify').first().click();
  await expect(page.getByTestId('backup-verdict')).toContainText('is intact', { timeout: 60_000 });
  await expect(table.locator('tbody tr').first()).toContainText('Verified');
  await captureBothThemes(page, 'backups');

  // --- change the vault after the backup ---
  await invokeOk(page, 'users.create', { username: 'carol', displayName: 'Carol Example', role: 'viewer' });
  await invokeOk(page, 'investigations.create', { title: 'Opened after the backup', summary: '' });
  expect(await usernames(page)).toContain('carol');
  expect((await investigationKeys(page)).length).toBe(keysBefore.length + 1);

  // --- restore through the GUI ---
  await page.getByTestId('backup-restore').first().click();
  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('restore-preview')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('restore-users')).toContainText('bob');
  await expect(page.getByTestId('restore-users')).not.toContainText('carol');
  await expect(page.getByTestId('restore-loss')).toContainText('1 user and 1 investigation were added');
  await expect(page.getByTestId('restore-confirm')).toBeDisabled();
  await captureBothThemes(page, 'backups-restore-dialog', { fullPage: false });
  await page.getByTestId('restore-confirm-name').fill('Not the vault');
  await expect(page.getByTestId('restore-confirm')).toBeDisabled();
  await page.getByTestId('restore-confirm-name').fill(ADMIN.vaultName);
  await page.getByTestId('restore-confirm').click();

  // --- everyone is signed out: back to the sign-in screen, with the reason ---
  await expectScreen(page, 'login');
  await expect(page.getByText(/The vault was restored from the backup of/)).toBeVisible();
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectScreen(page, 'app');

  // --- the data is as it was at the backup ---
  expect(await usernames(page)).toEqual(usersBefore);
  expect(await investigationKeys(page)).toEqual(keysBefore);

  // --- the restore is in the (restored) audit log ---
  const audit = await invokeOk<{ entries: { action: string; actorName: string | null }[] }>(page, 'audit.list', { action: 'vault.restored', limit: 10 });
  expect(audit.entries).toHaveLength(1);
  expect(audit.entries[0]?.actorName).toBe(ADMIN.username);
  await go(page, 'audit', 'audit');
  await expect(page.getByTestId('audit-table')).toContainText('vault.restored');

  // --- one investigation from the same backup: the vault already has all of it ---
  await go(page, 'backups', 'backups');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('backup-restore-investigation').first().click();
  await expect(page.getByTestId('restore-investigation-dialog')).toBeVisible();
  await page.getByTestId('restore-investigation-key').fill(keysBefore[0] ?? '');
  await page.getByTestId('restore-investigation-confirm').click();
  await expect(page.getByTestId('restore-investigation-outcome')).toContainText('already complete', { timeout: 60_000 });
  await captureBothThemes(page, 'backups-investigation-restore', { fullPage: false });
  await page.getByTestId('restore-investigation-open').click();
  await expectPage(page, 'investigation');
});

test('a backup folder on a drive that is not connected: a clear error, the failure on the schedule, the folder changed back', async ({ page }) => {
  test.setTimeout(120_000);
  await setUpThroughWizard(page, server.url);
  await go(page, 'backups', 'backups');
  const folderField = page.getByTestId('backup-folder');
  const original = await folderField.inputValue();
  expect(original).toContain(server.dataDir);

  // --- point the folder at a drive that is not there ---
  await folderField.fill(`${server.dataDir}/usb-drive-not-connected`);
  await page.getByTestId('backup-settings-save').click();
  await expect(page.getByTestId('backup-settings-saved')).toBeVisible();
  await expect(page.getByTestId('backup-status')).toContainText('usb-drive-not-connected');

  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-create-error')).toContainText('not available');
  await expect(page.getByTestId('backup-last-error')).toContainText('UNAVAILABLE');
  await expect(page.getByTestId('backup-last-success')).toHaveText('Never');
  await expect(page.getByTestId('backups-table')).toContainText('The backup folder could not be read');
  await captureBothThemes(page, 'backups-folder-unavailable');

  // --- a cron expression that is not one is refused, the saved schedule stays ---
  await page.getByTestId('backup-schedule').fill('every day at noon');
  await page.getByTestId('backup-settings-save').click();
  await expect(page.getByTestId('backup-settings')).toContainText('Not a valid cron expression');
  await page.getByTestId('backup-schedule').fill('30 2 * * 1-5');
  await expect(page.getByTestId('backup-settings')).toContainText('At 02:30, Monday to Friday');

  // --- back to the folder that exists: the next backup works and clears the failure ---
  await folderField.fill(original);
  await page.getByTestId('backup-settings-save').click();
  await expect(page.getByTestId('backup-settings-saved')).toBeVisible();
  await expect(page.getByTestId('backup-status')).toContainText('At 02:30, Monday to Friday');
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backups-table').locator('tbody tr')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('backup-last-error')).toBeHidden();
});
