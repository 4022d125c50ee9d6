// Export CSV / JSON where a user looks for it, in the browser mode: the triage queue (its filter),
// the investigations list (from the command palette) and one investigation. Each dialog says how
// many rows match before it starts; the downloaded file holds exactly those rows.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectAccessible, invokeOk, setUpThroughWizard, goTo as go } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

async function download(page: Page): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-start').click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('exports the alerts, the investigations list and one investigation', async ({ page }) => {
  test.setTimeout(120_000);
  server = await startVigil();
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 300, investigations: 3 });
  const { count } = await invokeOk<{ count: number }>(page, 'alerts.count', {});

  // --- the triage queue, as JSON ---
  await go(page, '#triage', 'triage');
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-plan')).toHaveText(`${count.toLocaleString('en-US')} alerts match the filter; all of them will be exported.`);
  await expectAccessible(page, 'export dialog');
  await dialog.getByTestId('export-format-json').check();
  const alerts = await download(page);
  expect(alerts.name).toMatch(/^vigil-alerts-\d{8}-\d{4}\.json$/);
  expect(JSON.parse(alerts.text)).toHaveLength(count);
  await expect(dialog.getByTestId('export-done')).toContainText(`${count.toLocaleString('en-US')} rows`);
  await dialog.getByTestId('export-close').click();
  await expect(dialog).toBeHidden();

  // --- the investigations list, from the command palette, as CSV ---
  const { total } = await invokeOk<{ total: number }>(page, 'investigations.list', { limit: 1 });
  await go(page, '#investigations', 'investigations');
  await page.keyboard.press('F1');
  await page.getByTestId('command-input').fill('export csv');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-plan')).toContainText(`${total} investigation`);
  // The dialog keeps the format last chosen (JSON, above) for the session: CSV is picked again.
  await expect(page.getByTestId('export-format-json')).toBeChecked();
  await page.getByTestId('export-format-csv').check();
  const list = await download(page);
  const lines = list.text.split('\r\n').filter((line) => line !== '');
  expect(lines[0]).toBe('key,title,status,resolution,severity,assignee,tags,alerts,opened_at,closed_at,updated_at,sla_due_at,id');
  expect(lines).toHaveLength(1 + total);
  await page.getByTestId('export-close').click();

  // --- one investigation, as JSON ---
  const first = await invokeOk<{ rows: { id: string; key: string }[] }>(page, 'investigations.list', { limit: 1 });
  const chosen = first.rows[0];
  if (!chosen) throw new Error('demo made no investigation');
  await go(page, `#investigation/${chosen.id}`, 'investigation');
  await page.getByTestId('investigation-export-open').click();
  await expect(page.getByTestId('export-plan')).toContainText('The case and its');
  await page.getByTestId('export-format-json').check();
  const one = await download(page);
  expect((JSON.parse(one.text) as { investigation: { key: string } }).investigation.key).toBe(chosen.key);
});
