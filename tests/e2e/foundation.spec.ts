// The foundation walk: first-run setup → admin creates an analyst → analyst signs in and must change the
// one-time password → analyst cannot reach admin screens, and a direct invoke is refused → idle
// lock → unlock. axe-core scans every screen on the way. Then the vault's service levels: an admin
// changes one on Settings, an analyst sees them read-only.
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  ADMIN, captureBothThemes, changeFirstPassword, expectAccessible, expectPage, expectScreen, invokeFromPage, setUpThroughWizard, signIn, signInFirstTime,
} from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

const ANALYST_PASSWORD = 'analyst chooses a passphrase';

test('setup, create an analyst, forced password change, role limits, idle lock and unlock', async ({ browser }) => {
  // Seven argon2id derivations (setup, sign-ins, password changes, unlocks) and six axe scans: 45 s on a
  // quiet machine, past the default 90 s when both cores are busy (the lock screen was up, the budget
  // spent). The time is the walk's, not a wait for something that might not come.
  test.setTimeout(180_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await setUpThroughWizard(admin, server.url);
  await expectAccessible(admin, 'home (admin)');

  // The admin creates an analyst and receives a one-time password.
  await admin.getByRole('link', { name: 'Users' }).click();
  await expectPage(admin, 'users');
  await admin.getByRole('button', { name: 'New user' }).click();
  await admin.getByLabel('Username').fill('ann');
  await admin.getByLabel('Display name').fill('Ann Analyst');
  await admin.getByLabel('Role').selectOption('analyst');
  await admin.getByRole('button', { name: 'Create user' }).click();
  const oneTimePassword = (await admin.getByTestId('one-time-password').innerText()).trim();
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
  await expectAccessible(admin, 'one-time password dialog');
  await admin.keyboard.press('Escape');
  await expect(admin.getByTestId('users-table')).toContainText('ann');
  await expectAccessible(admin, 'users');

  // A short idle lock, set by the admin, so the walk does not wait 15 minutes.
  await admin.getByRole('link', { name: 'Settings' }).click();
  await expectPage(admin, 'settings');
  await expectAccessible(admin, 'settings');
  await admin.getByLabel('Idle lock (seconds)').fill('5');
  await admin.getByRole('button', { name: 'Save' }).first().click();
  await expect(admin.getByText(/saved/i).first()).toBeVisible();

  // The analyst signs in with the one-time password and must choose their own.
  const analystContext = await browser.newContext();
  const analyst = await analystContext.newPage();
  await signIn(analyst, server.url, 'ann', oneTimePassword);
  await expectScreen(analyst, 'change-password');
  await expectAccessible(analyst, 'forced password change');
  await changeFirstPassword(analyst, oneTimePassword, ANALYST_PASSWORD);

  // No admin screens in the analyst's navigation, and the channel itself refuses.
  const nav = analyst.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Sessions' })).toHaveCount(0);
  const direct = await invokeFromPage(analyst, 'users.list');
  expect(direct).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const create = await invokeFromPage(analyst, 'users.create', { username: 'eve', displayName: 'Eve', role: 'super_admin' });
  expect(create).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  // Left alone, the analyst's session locks by itself and the lock screen appears.
  await expectScreen(analyst, 'lock');
  await expect(analyst.getByRole('heading', { name: /Ann Analyst/ })).toBeVisible();
  await expectAccessible(analyst, 'lock screen');
  expect((await invokeFromPage(analyst, 'preferences.get')).error?.code).toBe('SESSION_LOCKED');
  await analyst.getByLabel('Password', { exact: true }).fill('not my password');
  await analyst.getByRole('button', { name: 'Unlock' }).click();
  await expect(analyst.getByRole('alert')).toBeVisible();
  await analyst.getByLabel('Password', { exact: true }).fill(ANALYST_PASSWORD);
  await analyst.getByRole('button', { name: 'Unlock' }).click();
  await expectScreen(analyst, 'app');

  // The admin's window sat idle too: it is locked, and unlocks where it was.
  await expectScreen(admin, 'lock');
  await admin.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await admin.getByRole('button', { name: 'Unlock' }).click();
  await expectScreen(admin, 'app');

  // The admin sees the denials in the audit log, and the chain verifies.
  await admin.getByRole('link', { name: 'Audit log' }).click();
  await expectPage(admin, 'audit');
  await expect(admin.getByTestId('audit-table')).toContainText('access.denied');
  await admin.getByRole('button', { name: 'Verify chain' }).click();
  await expect(admin.getByTestId('chain-verdict')).toContainText(/intact/i);
  await expectAccessible(admin, 'audit log');

  await adminContext.close();
  await analystContext.close();
});

test('a wrong password is refused on the sign-in screen', async ({ page }) => {
  await setUpThroughWizard(page, server.url);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectScreen(page, 'login');
  await expectAccessible(page, 'login');
  await signIn(page, server.url, ADMIN.username, 'not the password at all');
  await expect(page.getByRole('alert')).toContainText(/wrong username or password/i);
  await signIn(page, server.url, ADMIN.username, ADMIN.password);
  await expectScreen(page, 'app');
});

/** captureWidths' four screenshots, with the section scrolled into view at each width. */
async function captureSection(page: Page, section: Locator, name: string): Promise<void> {
  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await section.scrollIntoViewIfNeeded();
    await captureBothThemes(page, `${name}-${width}`, { fullPage: false });
  }
}

test('an admin changes a service level and sees it saved; an analyst sees the levels read-only', async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await setUpThroughWizard(admin, server.url);
  await admin.getByRole('link', { name: 'Settings' }).click();
  await expectPage(admin, 'settings');
  const section = admin.getByTestId('service-levels');
  await expect(section.getByLabel('Critical')).toHaveValue('4 h');
  await expect(section.getByLabel('High')).toHaveValue('24 h');
  await expect(section.getByLabel('Low')).toHaveValue('7 d');

  // Out of bounds: the message sits beside the field and nothing is saved.
  await section.getByLabel('Critical').fill('5 min');
  await section.getByLabel('At risk within').fill('two hours');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText(/^15\smin to 90\sd$/)).toBeVisible();
  await expect(section.getByText(/Write hours/)).toBeVisible();
  await captureSection(admin, section, '09-settings-service-levels-invalid');
  expect((await invokeFromPage(admin, 'sla.getPolicy')).value).toMatchObject({ targetsMs: { critical: 4 * 3_600_000 } });

  await section.getByLabel('Critical').fill('2');
  await section.getByLabel('At risk within').fill('90 min');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText('Service levels saved.')).toBeVisible();
  await expect(section.getByLabel('Critical')).toHaveValue('2 h');
  await captureSection(admin, section, '09-settings-service-levels');
  expect((await invokeFromPage(admin, 'sla.getPolicy')).value).toEqual({
    targetsMs: { critical: 2 * 3_600_000, high: 24 * 3_600_000, medium: 3 * 86_400_000, low: 7 * 86_400_000 }, atRiskWindowMs: 90 * 60_000,
  });
  // The confirmation clears itself rather than sitting beside later edits.
  await expect(section.getByText('Service levels saved.')).toBeHidden({ timeout: 10_000 });

  const created = await invokeFromPage(admin, 'users.create', { username: 'ann', displayName: 'Ann Analyst', role: 'analyst' });
  const { oneTimePassword } = created.value as { oneTimePassword: string };
  const analyst = await signInFirstTime(browser, server.url, 'ann', oneTimePassword, ANALYST_PASSWORD);
  await analyst.getByRole('link', { name: 'Settings' }).click();
  await expectPage(analyst, 'settings');
  const readOnly = analyst.getByTestId('service-levels');
  await expect(readOnly).toContainText('Critical2 h');
  await expect(readOnly).toContainText('At risk within90 min');
  await expect(readOnly.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await captureSection(analyst, readOnly, '09-settings-service-levels-read-only');
});
