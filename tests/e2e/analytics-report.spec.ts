// The analytics report from the screen: "Report (PDF)" asks main for the report of the range shown
// and the browser saves it; the file is a PDF with pages. With E2E_SHOTS_DIR set it is also kept
// there, for a person to render and look at.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectPage, invokeFromPage, setUpThroughWizard, shotPath } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

test('the analytics screen saves the report of the range it shows as a PDF', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await setUpThroughWizard(page, server.url);
  const demo = await invokeFromPage(page, 'demo.generate', { alerts: 3000, seed: 7, days: 60 });
  expect(demo.ok).toBe(true);

  await page.evaluate(() => { window.location.hash = 'analytics'; });
  await expectPage(page, 'analytics');
  await expect(page.getByTestId('chart-volume')).toBeVisible();
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page.getByTestId('forecast-alerts')).toBeVisible();

  const button = page.getByRole('button', { name: 'Report (PDF)' });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^analytics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-report-\d{8}-\d{4}\.pdf$/);
  const path = testInfo.outputPath('analytics-report.pdf');
  await download.saveAs(path);
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect((bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(0);
  // The report is of the 7 days on screen.
  const range = await page.locator('form[aria-label="Range"] input[type="date"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(download.suggestedFilename()).toContain(`analytics-${range[0]}-${range[1]}-report-`);
  await expect(button).not.toHaveAttribute('aria-busy', 'true');
  const kept = shotPath('analytics-report.pdf');
  if (kept !== null) await download.saveAs(kept);
});
