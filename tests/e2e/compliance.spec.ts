// The Compliance screen as an administrator walks it: two-factor sign-in for administrators fails,
// the administrator turns it on, Re-evaluate shows it passing; retention is set, previewed and
// applied, and its control passes; a stricter policy fails the idle lock; a legal hold is placed
// from an investigation's header. With axe.
import { expect, test } from '@playwright/test';
import { totpCodeAt } from '../../src-main/auth/totp';
import { captureWidths, expectAccessible, invokeOk, setUpThroughWizard } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

const control = (id: string) => `[data-testid="compliance-control"][data-control="${id}"]`;

test('a failing control turns to pass once it is fixed; retention applied from the screen; a legal hold placed', async ({ page }) => {
  test.setTimeout(120_000);
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 100, seed: 2, days: 3, investigations: 2 });

  await page.goto(`${server.origin}/#compliance`);
  await expect(page.getByTestId('compliance-controls')).toBeVisible();
  await expect(page.locator(control('admin_two_factor'))).toHaveAttribute('data-status', 'fail');
  await expect(page.locator(control('retention_applied'))).toHaveAttribute('data-status', 'fail');
  await captureWidths(page, '75-compliance-failing', { fullPage: true });

  const { secret } = await invokeOk<{ secret: string }>(page, 'twoFactor.begin', {});
  await invokeOk(page, 'twoFactor.enable', { code: totpCodeAt(secret, Date.now()) });
  await page.getByTestId('compliance-reevaluate').click();
  await expect(page.locator(control('admin_two_factor'))).toHaveAttribute('data-status', 'pass');

  await page.getByTestId('retention-enabled').check();
  await page.getByTestId('retention-save').click();
  await page.getByTestId('retention-apply').click();
  await page.getByTestId('retention-apply-confirm').click();
  await expect(page.getByTestId('retention-last-run')).toBeVisible();
  await expect(page.locator(control('retention_applied'))).toHaveAttribute('data-status', 'pass');
  await captureWidths(page, '76-compliance-retention-applied', { fullPage: true });

  // A stricter policy: the idle lock of 15 minutes is now too long.
  await expect(page.locator(control('idle_lock'))).toHaveAttribute('data-status', 'pass');
  await page.getByTestId('compliance-policy').locator('summary').click();
  await page.getByTestId('compliance-policy-maxIdleLockMinutes').fill('5');
  await page.getByTestId('compliance-policy-save').click();
  await expect(page.locator(control('idle_lock'))).toHaveAttribute('data-status', 'fail');
  await expectAccessible(page, 'compliance with its policy open');

  const list = await invokeOk<{ rows: Array<{ id: string }> }>(page, 'investigations.list', {});
  await page.goto(`${server.origin}/#investigation/${list.rows[0]?.id ?? ''}`);
  await page.getByTestId('legal-hold-toggle').click();
  await page.getByTestId('legal-hold-reason').fill('Litigation hold 2026-17');
  await page.getByTestId('legal-hold-save').click();
  await expect(page.locator('[data-testid="legal-hold"][data-held="true"]')).toBeVisible();
});
