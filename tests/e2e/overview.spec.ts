// Home as the overview on weeks of demo data plus a surge of alerts yesterday: my queue, the team's
// backlog, today against the forecast and the surge flagged as an unusual day, marked as expected and
// undone; a number opens the list behind it. Screenshots at 1440 and 800 px in both themes.
import { expect, test } from '@playwright/test';
import { importSurge } from './support/alert-surge';
import { captureBothThemes, captureWidths, expectPage, invokeOk, setUpThroughWizard } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

test('Home shows my queue, the backlog, today against the forecast and an unusual day to mark as expected', async ({ page }) => {
  test.setTimeout(240_000);
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 4000, seed: 7, days: 60 });
  const surgeDate = await importSurge(page);
  await page.reload();
  await expectPage(page, 'home');

  const queue = page.getByTestId('overview-queue');
  await expect(queue.getByRole('heading', { name: /My queue/ })).toBeVisible();
  await expect(queue.locator('li').first()).toBeVisible();
  const queueCount = Number(await queue.locator('.overview__count').innerText());
  expect(queueCount).toBeGreaterThan(0);

  const backlog = page.getByTestId('overview-backlog');
  await expect(backlog).toContainText(/\d[\d,]* open investigations?/);
  await expect(backlog).toContainText(/\d[\d,]* untriaged alerts?/);
  await expect(page.getByTestId('overview-today')).toContainText(/forecast [\d.,]+ \(80 %/);

  // Demo cases are closed by the demo's user: decisions with an actor, so an estimate with its inputs.
  await expect(page.getByTestId('overview-staffing')).toContainText(/[\d.,]+ analysts a day/);
  await expect(page.getByTestId('overview-team').getByRole('table')).toContainText('Ada Lovelace');

  const surge = page.getByTestId(`anomaly-alerts-${surgeDate}`);
  await expect(surge).toContainText(/\d+ alerts · expected [\d.,]+ · bound [\d.,]+/);
  await expect(surge).toContainText('Baseline: same weekday on');
  await captureWidths(page, '60-overview');
  await page.setViewportSize({ width: 1440, height: 900 });

  await surge.getByRole('button', { name: 'Mark as expected' }).click();
  await surge.getByLabel(`Why ${surgeDate} was expected`).fill('Refund scam campaign, already handled by the payments team');
  await surge.getByRole('button', { name: 'Mark as expected' }).click();
  await expect(surge).toContainText('Marked as expected');
  await expect(surge).toContainText('Refund scam campaign');
  // The page scrolls inside the shell's main: each width is scrolled to the marked day before capture.
  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await surge.scrollIntoViewIfNeeded();
    await captureBothThemes(page, `61-overview-marked-${width}`);
  }
  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId('overview-team').scrollIntoViewIfNeeded();
    await captureBothThemes(page, `63-overview-team-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await surge.getByRole('button', { name: 'Undo' }).click();
  await expect(surge.getByRole('button', { name: 'Mark as expected' })).toBeVisible();

  // The queue's number opens the list it counted: investigations assigned to me, not closed.
  await queue.getByRole('link', { name: 'Open my queue as a list' }).click();
  await expectPage(page, 'investigations');
  await expect(page.locator('main tbody tr').first()).toBeVisible();
  await expect(page.locator('main tbody tr')).toHaveCount(Math.min(queueCount, 50));
});

test('Home on a new vault says what is missing instead of showing zeros as findings', async ({ page }) => {
  await setUpThroughWizard(page, server.url);
  await expectPage(page, 'home');
  await expect(page.getByTestId('overview-queue')).toContainText('No investigations assigned to you.');
  await expect(page.getByTestId('overview-today')).toContainText(/No forecast yet: 0 days of history, \d+ needed/);
  await expect(page.getByTestId('overview-anomalies')).toContainText('not judged yet');
  await expect(page.getByTestId('overview-staffing')).toContainText('No estimate: no forecast yet; no decisions by a person');
  await captureWidths(page, '62-overview-empty');
});
