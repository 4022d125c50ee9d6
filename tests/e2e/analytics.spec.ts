// The analytics screen on weeks of demo data: volumes with a forecast and its backtest, how long work
// takes with n and missing, backlog, SLA and rule precision; a range change recounts; screenshots at
// 1440 and 800 px in both themes for a person to look at.
import { expect, test } from '@playwright/test';
import { captureWidths, expectPage, invokeFromPage, setUpThroughWizard } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

test('the analytics screen shows the work with a forecast that says how it was chosen', async ({ page }) => {
  test.setTimeout(180_000);
  await setUpThroughWizard(page, server.url);
  const demo = await invokeFromPage(page, 'demo.generate', { alerts: 4000, seed: 7, days: 60 });
  expect(demo.ok).toBe(true);

  await page.evaluate(() => { window.location.hash = 'analytics'; });
  await expectPage(page, 'analytics');
  await expect(page.getByTestId('chart-volume')).toBeVisible();
  const forecast = page.getByTestId('forecast-alerts');
  await expect(forecast).toContainText('Forecast of alerts, next 14 days');
  await expect(forecast).toContainText(/Backtest over \d+ origins: MASE [\d.]+ Holt-Winters vs [\d.]+ seasonal naive/);
  await expect(page.getByTestId('durations-table')).toContainText('Time to resolve');
  await expect(page.getByTestId('rules-table').locator('tbody tr').first()).toBeVisible();
  await captureWidths(page, '50-analytics');
  await page.getByTestId('analytics-durations').scrollIntoViewIfNeeded();
  await captureWidths(page, '51-analytics-tables');

  // Seven days: the data behind the chart holds them and the 14 forecast days after.
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
  const volume = page.getByTestId('analytics-volume');
  await volume.getByText('Data table').click();
  await expect(volume.locator('tbody tr')).toHaveCount(7 + 14);
});
