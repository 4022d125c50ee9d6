// Every screen in light and dark: an axe-core scan in each theme (contrast differs) and a
// screenshot for a person to look at (E2E_SHOTS_DIR).
import { test, type Page } from '@playwright/test';
import { ADMIN, captureBothThemes, expectPage, expectScreen, invokeFromPage, setUpThroughWizard, signIn } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

const capture = (page: Page, name: string) => captureBothThemes(page, name);

test('every screen passes axe in both themes', async ({ page, browser }) => {
  // Ten screens, each scanned by axe and captured in two themes: about a minute and a half on a quiet machine.
  test.setTimeout(180_000);
  await page.goto(server.url);
  await expectScreen(page, 'setup');
  await capture(page, '01-setup');
  await setUpThroughWizard(page, server.url);
  // Long values and a crowded table, as an analyst's vault has them.
  for (const [username, role] of [['ann', 'analyst'], ['bo', 'viewer'], ['carla.investigations-emea', 'investigator'], ['dee', 'senior_analyst']] as const) {
    await invokeFromPage(page, 'users.create', { username, displayName: `${username} — a rather long display name for layout`, role });
  }
  await page.reload();
  await expectScreen(page, 'app');
  await capture(page, '03-home');
  for (const [link, name, file] of [['Users', 'users', '04-users'], ['Sessions', 'sessions', '05-sessions'], ['Audit log', 'audit', '06-audit'], ['Settings', 'settings', '07-settings']] as const) {
    await page.getByRole('link', { name: link }).click();
    await expectPage(page, name);
    await capture(page, file);
  }
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await capture(page, '06-audit-verified');

  await page.getByRole('button', { name: 'Lock' }).click();
  await expectScreen(page, 'lock');
  await capture(page, '08-lock');

  const other = await (await browser.newContext()).newPage();
  await other.goto(server.url);
  await expectScreen(other, 'login');
  await capture(other, '02-login');
  await signIn(other, server.url, ADMIN.username, 'wrong password here');
  await other.getByRole('alert').waitFor();
  await capture(other, '02-login-error');
});
