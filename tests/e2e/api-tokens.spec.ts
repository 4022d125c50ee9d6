// Settings → API tokens: a token for a script is created while the app is open, shown once with how
// to use it, listed without its secret, and revoked after a confirmation. The section is captured at
// the widths analysts use, in both themes.
import { expect, test } from '@playwright/test';
import { captureWidths, DAILY_WIDTHS, setUpThroughWizard, goTo as open } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

test('create an API token in Settings, see it once, then revoke it', async ({ page }) => {
  test.setTimeout(120_000);
  await setUpThroughWizard(page, server.url);
  await open(page, 'settings', 'settings');
  const section = page.getByTestId('api-tokens');
  await section.scrollIntoViewIfNeeded();
  await expect(section).toContainText('Nobody has an API token yet.');

  await section.getByTestId('api-token-create-open').click();
  const create = page.getByTestId('api-token-create-dialog');
  await create.getByTestId('api-token-name').fill('nightly audit verification on the SOC jump host');
  await create.getByTestId('api-token-role').selectOption('viewer');
  await create.getByTestId('api-token-expiry').fill('30');
  await create.getByTestId('api-token-create').click();

  const created = page.getByTestId('api-token-created-dialog');
  await expect(created).toContainText('it will not be shown again');
  const secret = (await created.getByTestId('api-token-secret').innerText()).trim();
  expect(secret.length).toBeGreaterThan(30);
  await expect(created.getByTestId('api-token-usage')).toContainText('vigil audit verify');
  await captureWidths(page, '80-api-token-created', { widths: DAILY_WIDTHS });
  await created.getByTestId('api-token-created-done').click();

  // Listed by name and role; the secret is never shown again.
  const table = section.getByTestId('api-tokens-table');
  await expect(table).toContainText('nightly audit verification');
  await expect(table).toContainText('Viewer');
  await expect(table).toContainText('Active');
  await expect(section).not.toContainText(secret);
  await section.scrollIntoViewIfNeeded();
  await captureWidths(page, '81-api-tokens', { widths: DAILY_WIDTHS });

  await table.getByTestId('api-token-revoke').click();
  const revoke = page.getByTestId('api-token-revoke-dialog');
  await expect(revoke.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await revoke.getByTestId('api-token-revoke-confirm').click();
  await expect(table).toContainText('Revoked');
  await expect(table.getByTestId('api-token-revoke')).toHaveCount(0);
});
