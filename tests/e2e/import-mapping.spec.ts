// The mapping step of the GUI import: a SIEM export whose time column no detector would recognise,
// mapped by hand (column, day-first format, Paris time) while the first rows show how each would be
// read, saved as a profile, imported; then the next export of the same tool, mapped in one step by
// applying the saved profile, and the profile replaced after a confirmation. Screens are scanned
// with axe and captured in both themes.
import { expect, test, type Page } from '@playwright/test';
import { captureBothThemes, expectPage, setUpThroughWizard } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

const PROFILE = 'SIEM export (Paris, day first)';
const ALARMS = ['Password spray against the VPN gateway from a residential proxy pool', 'Impossible travel', 'Token theft', 'Mass download'];

/**
 * A SIEM export: unusual headers, day-first local times, and (in the first file) one broken time.
 * Accounts differ between files: the same account, rule and hour would be deduplicated into one alert.
 */
function siemCsv(prefix: string, rows: number, brokenRow: number | null, firstAccount: number): Buffer {
  const lines = ['Alarm,When (local),Who,Src Addr,Sev,"Analyst comment (free text, often very long)"'];
  for (let i = 0; i < rows; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const when = i === brokenRow ? 'yesterday evening' : `${day}/04/2026 ${String(8 + (i % 12)).padStart(2, '0')}:15`;
    lines.push(`${prefix} ${ALARMS[i % ALARMS.length]},${when},u-${firstAccount + i},198.51.100.${i + 1},${i % 3 === 0 ? 'High' : 'low'},"seen before, see ticket ${i}"`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const capture = (page: Page, name: string) => captureBothThemes(page, name, { fullPage: false });

async function openMappingStep(page: Page, fileName: string, bytes: Buffer): Promise<void> {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: bytes });
  await page.getByTestId('import-source').fill('siem');
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('import-preview-row').first()).toBeVisible();
}

test('map a time column by hand, save the profile, import; apply the profile to the next export', async ({ page }) => {
  test.setTimeout(120_000);
  await setUpThroughWizard(page, server.url);
  await page.evaluate(() => { window.location.hash = 'triage'; });
  await expectPage(page, 'triage');

  // --- first export: nothing recognises "When (local)", so the time is not mapped and the step says so ---
  await openMappingStep(page, 'siem-april.csv', siemCsv('A:', 12, 4, 100));
  await expect(page.getByTestId('import-required-missing')).toBeVisible();
  await expect(page.getByTestId('import-column-ip')).toHaveValue('Src Addr');
  await expect(page.getByTestId('import-column-severity')).toHaveValue('Sev');
  await expect(page.getByTestId('import-preview-verdict')).toContainText('10 of 10 would be rejected');
  await expect(page.getByTestId('import-start')).toHaveAttribute('aria-disabled', 'true');
  await capture(page, '35-import-mapping-detected');

  // --- map by hand: the time column, day-first, Paris; the title and account columns ---
  await page.getByTestId('import-column-occurredAt').selectOption('When (local)');
  await page.getByTestId('import-column-title').selectOption('Alarm');
  await page.getByTestId('import-column-account').selectOption('Who');
  await page.getByTestId('import-time-format').selectOption('dmy');
  await page.getByTestId('import-time-zone').fill('Europe/Paris');
  await expect(page.getByTestId('import-required-missing')).toHaveCount(0);
  // 01/04/2026 08:15 in Paris (summer time) is 06:15 UTC; the fifth row's time cannot be read.
  const firstRow = page.getByTestId('import-preview-row').first();
  await expect(firstRow).toContainText('2026-04-01 06:15:00 UTC');
  await expect(page.getByTestId('import-preview-verdict')).toContainText('1 of 10 would be rejected');
  await expect(page.getByTestId('import-preview-row').nth(4)).toContainText('Rejected: time "yesterday evening"');
  await expect(page.getByTestId('import-time-detected')).toContainText('"When (local)": no single format fits every value');
  // Every row is a different account: the preview says nothing will fold.
  await expect(page.getByTestId('import-fold-summary')).toContainText('No rows fold together');
  await capture(page, '36-import-mapping-by-hand');

  // --- save it as a profile, by keyboard ---
  await page.getByTestId('import-profile-save-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-profile-name')).toBeFocused();
  await page.keyboard.type(PROFILE);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-profiles')).toContainText(`Saved as "${PROFILE}"`);
  await expect(page.getByTestId('import-profile-select')).toHaveValue(/.+/);

  // --- import under that mapping ---
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-count-rows')).toContainText('12');
  await expect(page.getByTestId('import-count-imported')).toContainText('11');
  await expect(page.getByTestId('import-count-rejected')).toContainText('1');
  await expect(page.getByTestId('import-rejected')).toContainText('yesterday evening');
  await page.getByTestId('import-done').click();
  await expect(page.getByTestId('triage-count')).toContainText('11');
  await expect(page.getByTestId('vtable-row').filter({ hasText: 'A: Impossible travel' }).first()).toBeVisible();

  // --- next export of the same tool: apply the saved profile, everything maps in one step ---
  await openMappingStep(page, 'siem-may.csv', siemCsv('B:', 8, null, 500));
  await expect(page.getByTestId('import-required-missing')).toBeVisible();
  await page.getByTestId('import-profile-select').selectOption({ label: PROFILE });
  await expect(page.getByTestId('import-column-occurredAt')).toHaveValue('When (local)');
  await expect(page.getByTestId('import-column-account')).toHaveValue('Who');
  await expect(page.getByTestId('import-time-format')).toHaveValue('dmy');
  await expect(page.getByTestId('import-time-zone')).toHaveValue('Europe/Paris');
  await expect(page.getByTestId('import-preview-verdict')).toContainText('All would import');
  // Days 1 to 8 of April read either way round: the step says so rather than trusting the guess.
  await expect(page.getByTestId('import-time-detected')).toContainText('also fits Month/day/year');
  await capture(page, '37-import-mapping-profile');

  // Saving under the same name asks before replacing the profile.
  await page.getByTestId('import-column-title').selectOption('Analyst comment (free text, often very long)');
  // The select says the mapping on screen is the profile, edited; saving offers the profile's name.
  await expect(page.getByTestId('import-profile-select').locator('option:checked')).toHaveText(`${PROFILE} (edited)`);
  await page.getByTestId('import-profile-save-open').click();
  await expect(page.getByTestId('import-profile-name')).toHaveValue(PROFILE);
  await page.getByTestId('import-profile-name').fill(PROFILE.toUpperCase());
  await page.getByTestId('import-profile-save').click();
  await expect(page.getByTestId('import-profile-replace')).toBeVisible();
  await capture(page, '38-import-mapping-replace');
  await page.getByTestId('import-profile-replace-confirm').click();
  await expect(page.getByTestId('import-profiles')).toContainText('Saved as');
  await expect(page.getByTestId('import-profile-select').locator('option')).toHaveCount(2);
  await expect(page.getByTestId('import-profile-select').locator('option:checked')).toHaveText(PROFILE.toUpperCase());

  await page.getByTestId('import-column-title').selectOption('Alarm');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-count-imported')).toContainText('8');
  await page.getByTestId('import-done').click();
  await expect(page.getByTestId('triage-count')).toContainText('19');

  // --- investigations have their own fields; Back drops the upload and returns to the form ---
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-kind-investigations').check();
  await page.getByTestId('import-file').setInputFiles({
    name: 'cases.csv', mimeType: 'text/csv',
    buffer: Buffer.from('number,short_description,state,opened_at,assigned_to\nINC0010001,Account takeover of a long-standing seller account,In Progress,2026-05-01 10:00:00,Ada\nINC0010002,Refund fraud,Brand new state,2026-05-02 11:00:00,\n'),
  });
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-column-externalId')).toHaveValue('number');
  await expect(page.getByTestId('import-column-openedAt')).toHaveValue('opened_at');
  await expect(page.getByTestId('import-preview-verdict')).toContainText('1 of 2 would be rejected');
  await expect(page.getByTestId('import-preview-row').nth(1)).toContainText('unrecognised status "Brand new state"');
  await capture(page, '39-import-mapping-investigations');
  await page.getByTestId('import-back').click();
  await expect(page.getByTestId('import-next')).toBeVisible();
});
