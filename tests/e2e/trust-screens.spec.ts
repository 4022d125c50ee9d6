// The screens the trust fixes touched, as an analyst without access to personal data sees them:
// an alert whose text, linked entities and source row hold PII in several written forms, the
// sign-in refusal after too many wrong passwords, and Settings › About with the log file's path.
// Each at 1440 and 800 px wide, light and dark, with axe; screenshots into E2E_SHOTS_DIR.
import { expect, test } from '@playwright/test';
import { captureWidths, expectPage, invokeFromPage, setUpThroughWizard, signIn, signInFirstTime } from './support/app';
import { importCsv } from './support/import-csv';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

const ANALYST_PASSWORD = 'an analyst passphrase for the trust walk';
const PHONE = '+1 (555) 123-4567';
const CARD = '4111 1111 1111 1111';
const RESET = 'https://corp.example/reset/alice.smith@example.org/confirm';
const CSV = [
  'id,time,title,description,email,phone,url,account,customer_name',
  `t-1,2026-11-30T10:00:00Z,Payout change on acct_alice_smith,"Caller ${PHONE} changed the payout card to ${CARD}; reset link ${RESET}; seen from ::ffff:198.51.100.23",`
    + `alice.smith@example.org,${PHONE},${RESET},acct_alice_smith,Alice Marguerite Smith-Oyelaran of 14 Long Street`,
].join('\n');

test('a masked analyst sees an alert full of PII masked, a lockout explained, and where the log is', async ({ browser }) => {
  test.setTimeout(180_000);
  const adminPage = await (await browser.newContext()).newPage();
  await setUpThroughWizard(adminPage, server.url);
  await importCsv(adminPage, CSV, 'payments', 'reports.csv');
  const created = await invokeFromPage(adminPage, 'users.create', { username: 'ann', displayName: 'Ann Analyst', role: 'analyst' });
  const { oneTimePassword } = created.value as { oneTimePassword: string };

  const page = await signInFirstTime(browser, server.url, 'ann', oneTimePassword, ANALYST_PASSWORD);

  await page.evaluate(() => { window.location.hash = 'triage'; });
  await expectPage(page, 'triage');
  await page.getByTestId('vtable-row').first().click();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('alert-detail');
  await expect(detail).toBeVisible();
  const shown = await detail.innerText();
  for (const secret of [PHONE, CARD, '5551234567', 'alice.smith@example.org', 'acct_alice_smith', '198.51.100.23', 'Marguerite']) {
    expect(shown).not.toContain(secret);
  }
  await captureWidths(page, '40-masked-alert-detail');
  // The source row: its column names, the values the alert shows, and the rest hidden.
  await detail.getByText(/^Raw fields/).click();
  await expect(detail.getByText(/hidden: may hold personal data/).first()).toBeVisible();
  expect(await detail.innerText()).not.toContain('Marguerite');
  await detail.getByText(/hidden: may hold personal data/).first().scrollIntoViewIfNeeded();
  await captureWidths(page, '40-masked-alert-raw-fields');

  await page.evaluate(() => { window.location.hash = 'settings'; });
  await expectPage(page, 'settings');
  await page.getByTestId('log-path').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('log-path')).toContainText('vigil.log');
  await captureWidths(page, '41-settings-log-path');

  // Five wrong passwords lock the name out; the sign-in screen says so and for how long.
  const other = await (await browser.newContext()).newPage();
  for (let i = 0; i < 6; i += 1) {
    await signIn(other, server.url, 'ann', `not the password ${i} at all`);
    await expect(other.getByRole('alert').first()).toBeVisible();
  }
  await expect(other.getByRole('alert').first()).toContainText(/locked|try again/i);
  await captureWidths(other, '42-sign-in-locked-out');
});
