// A case handed from one analyst's vault to another's, end to end in the browser mode: vault A has
// an investigation with evidence → "Export case package…" on its screen (passphrase twice, strength
// hint) → the .vigilcase file downloads → vault B, a second `vigil serve` on its own data directory,
// opens "Import case package…" from the command palette → a wrong passphrase is refused and the file
// kept → the right one shows what is inside → Import → summary → Open → the investigation is there,
// its evidence verified, its custody trail naming the package. A second import writes nothing.
// Dialogs captured in light and dark.
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { captureBothThemes, expectPage, invokeFromPage, setUpThroughWizard, goTo as go } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

const PASSPHRASE = 'copper kettle lantern meadow';
let servers: VigilServer[] = [];
test.afterEach(async () => {
  for (const s of servers) await s.stop();
  servers = [];
});

async function invokeOk<T>(page: Page, channel: string, input: unknown = {}): Promise<T> {
  const result = await invokeFromPage(page, channel, input);
  expect(result.ok, `${channel}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value as T;
}

test('export a case package from one vault and import it into another', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const [a, b] = await Promise.all([startVigil(), startVigil()]);
  servers = [a, b];

  // --- vault A: an investigation with alerts and an evidence file ---
  await setUpThroughWizard(page, a.url);
  await invokeOk(page, 'demo.generate', { alerts: 300, investigations: 2 });
  const list = await invokeOk<{ rows: { id: string; key: string; title: string }[] }>(page, 'investigations.list', { limit: 10 });
  const chosen = list.rows[0];
  if (!chosen) throw new Error('demo made no investigation');
  const evidenceText = `Screenshot notes for ${chosen.key}`;
  const ticket = await invokeOk<{ uploadId: string }>(page, 'uploads.begin', { fileName: 'profile-notes.txt', size: Buffer.byteLength(evidenceText) });
  await invokeOk(page, 'uploads.chunk', { uploadId: ticket.uploadId, offset: 0, dataBase64: Buffer.from(evidenceText).toString('base64') });
  await invokeOk(page, 'evidence.add', { investigationId: chosen.id, uploadId: ticket.uploadId, mediaType: 'text/plain', description: 'notes' });

  await go(page, `#investigation/${chosen.id}`, 'investigation');
  await expect(page.getByTestId('case-export-open')).toBeVisible();
  // From the keyboard: the palette offers the export while an investigation is open.
  await page.keyboard.press('F1');
  await page.getByTestId('command-input').fill('export case');
  await page.keyboard.press('Enter');
  const exportDialog = page.getByTestId('case-export-dialog');
  await expect(exportDialog).toBeVisible();
  await expect(exportDialog.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await page.keyboard.type('short one');
  await expect(page.getByTestId('case-export-strength')).toContainText('At least 12 characters');
  await exportDialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await expect(page.getByTestId('case-export-strength')).toContainText('Strong');
  await exportDialog.getByLabel('Repeat passphrase').fill('copper kettle lantern meadoX');
  await expect(exportDialog).toContainText('The two passphrases differ');
  await exportDialog.getByLabel('Repeat passphrase').fill(PASSPHRASE);
  await captureBothThemes(page, 'case-export-form');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('case-export-confirm').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${chosen.key}-\\d{8}-\\d{4}\\.vigilcase$`));
  const file = join(testInfo.outputDir, download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByTestId('case-export-result')).toContainText('Case package saved');
  await expect(page.getByTestId('case-export-result')).toContainText('profile-notes.txt');
  await captureBothThemes(page, 'case-export-result');
  expect(readFileSync(file).includes(Buffer.from(chosen.title))).toBe(false);
  await page.getByTestId('case-export-done').click();
  await expect(exportDialog).toBeHidden();

  // --- vault B, in its own browser context: import from the command palette ---
  const context = await browser.newContext();
  const other = await context.newPage();
  await setUpThroughWizard(other, b.url);
  await other.keyboard.press('F1');
  await other.getByTestId('command-input').fill('import case');
  await other.keyboard.press('Enter');
  await expectPage(other, 'investigations');
  const importDialog = other.getByTestId('case-import-dialog');
  await expect(importDialog).toBeVisible();
  await other.getByTestId('case-import-file').setInputFiles(file);
  await other.getByTestId('case-import-passphrase').fill('not the passphrase');
  await other.getByTestId('case-import-open-package').click();
  await expect(importDialog).toContainText('That passphrase does not open this package');
  await expect(importDialog).toContainText('Kept from the last try');
  await captureBothThemes(other, 'case-import-wrong-passphrase');

  await other.getByTestId('case-import-passphrase').fill(PASSPHRASE);
  await other.getByTestId('case-import-open-package').click();
  const preview = other.getByTestId('case-import-preview');
  await expect(preview).toContainText(chosen.key);
  await expect(preview).toContainText(`ada from “Trust & Safety — EU”`);
  await expect(preview).toContainText('profile-notes.txt');
  await captureBothThemes(other, 'case-import-preview');

  await other.getByTestId('case-import-confirm').click();
  const result = other.getByTestId('case-import-result');
  await expect(result).toContainText(`${chosen.key} imported`, { timeout: 30_000 });
  await expect(result).toContainText('1 evidence file verified by SHA-256');
  // The list behind the dialog already shows it.
  await expect(other.getByRole('table', { name: 'Investigations' })).toContainText(chosen.title);
  await captureBothThemes(other, 'case-import-result');
  await other.getByTestId('case-import-open').click();
  await expectPage(other, 'investigation');
  await expect(other.getByTestId('investigation-title')).toHaveText(chosen.title);

  // The evidence in B: same bytes by hash, verified, custody naming the package.
  const items = await invokeOk<{ id: string; sha256: string }[]>(other, 'evidence.list', { investigationId: chosen.id });
  expect(items.map((i) => i.sha256)).toEqual([createHash('sha256').update(evidenceText).digest('hex')]);
  expect(await invokeOk<{ ok: boolean }>(other, 'evidence.verify', { evidenceId: items[0]?.id })).toMatchObject({ ok: true });
  // The analyst sees where the file came from on its chain of custody.
  await other.getByRole('tab', { name: /^Evidence/ }).click();
  await other.getByRole('button', { name: /^Custody trail of / }).first().click();
  await expect(other.getByTestId('custody-trail')).toContainText(`imported from case package ${basename(file)} exported by`);
  await captureBothThemes(other, 'case-import-custody');

  // A second import of the same file: it says so and writes nothing.
  await go(other, '#investigations', 'investigations');
  await other.getByTestId('case-import-start').click();
  await other.getByTestId('case-import-file').setInputFiles(file);
  await other.getByTestId('case-import-passphrase').fill(PASSPHRASE);
  await other.getByTestId('case-import-open-package').click();
  await expect(other.getByTestId('case-import-previous')).toContainText(`as ${chosen.key}`);
  await other.getByTestId('case-import-confirm').click();
  await expect(other.getByTestId('case-import-result')).toContainText('was already here');
  await context.close();
});
