// The analytics screen on weeks of demo data: volumes with a forecast and its backtest, how long work
// takes with n and missing, backlog, SLA and rule precision; a range change recounts; screenshots at
// 1440 and 800 px in both themes for a person to look at. A chart downloads exactly its data table as
// CSV, and a day's bar opens that day's alerts in the queue. A surge of alerts is flagged as an unusual
// day, marked as expected (and written so in its CSV) and undone; a new vault says what it cannot
// judge yet. The browser runs in Kolkata (+05:30), so a local day is not a UTC day.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { importSurge } from './support/alert-surge';
import { captureBothThemes, captureWidths, expectPage, invokeFromPage, invokeOk, setUpThroughWizard } from './support/app';
import { startVigil, type VigilServer } from './support/vigil-server';

test.use({ timezoneId: 'Asia/Kolkata' });

let server: VigilServer;
test.beforeEach(async () => {
  server = await startVigil();
});
test.afterEach(async () => {
  await server.stop();
});

/**
 * Screenshots at 1440 and 800 px in both themes with the section at the top (the shell's main scrolls,
 * so each width scrolls again). axe scans the section only: the whole screen is scanned at both widths
 * and in both themes by the first test (`50-analytics`), and a full scan of it costs ~4 s on these
 * cores, 16 a test. `axe: false` when nothing changed since the section was last scanned.
 */
async function captureSection(page: Page, testId: string, name: string, { axe = true } = {}): Promise<void> {
  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 900 });
    // Into view inside main, then the window back to the top so the app's header stays in the picture.
    await page.getByTestId(testId).evaluate((section) => { section.scrollIntoView({ block: 'start' }); window.scrollTo(0, 0); });
    await captureBothThemes(page, `${name}-${width}`, { fullPage: false, axe, axeInclude: `[data-testid="${testId}"]` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('the analytics screen shows the work with a forecast that says how it was chosen', async ({ page }) => {
  test.setTimeout(300_000); // demo data, then every section scanned and shot at two widths in two themes: ~3 min on two loaded cores
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
  await captureWidths(page, '51-analytics-tables', { axe: false });

  // Unusual days, staffing and workload of the 30 days: each says what it found, or why it cannot judge.
  const unusual = page.getByTestId('analytics-unusual');
  await expect(unusual).toContainText('Method: seasonal quasi-Poisson bound');
  const judged = /(no unusual day among \d+ days scored|\d+ of \d+ days scored above the bound|too little history to judge — \d+ days of data, \d+ needed)/;
  await expect(unusual.getByTestId('unusual-alerts')).toContainText(new RegExp(`^Alerts: ${judged.source}`));
  await expect(unusual.getByTestId('unusual-investigations')).toContainText(new RegExp(`^Investigations opened: ${judged.source}`));
  await expect(unusual.getByTestId('unusual-hours')).toContainText(/^Alerts per hour, last 7 days: (none of \d+ hours|\d+ of \d+ hours above|too little history)/);
  // Demo cases are closed by the demo's user: decisions with an actor, so an estimate, with each input beside it.
  const staffing = page.getByTestId('analytics-staffing');
  await expect(staffing.getByTestId('staffing-estimate')).toContainText(/^[\d.,]+ analysts a day for the forecast inflow/);
  await expect(staffing.getByRole('definition')).toHaveCount(6);
  await expect(staffing).toContainText(/Decisions per analyst-day\s*[\d.,]+/);
  const workload = page.getByTestId('workload-table');
  await expect(workload.locator('tbody th')).toHaveText(['Ada Lovelace']);
  await expect(workload.getByRole('link', { name: 'Open investigations assigned to Ada Lovelace' })).toHaveAttribute('href', /^#investigations\/assignee=[\w-]+$/);
  // The same document as 50 and 51, scrolled: its sections were scanned with it.
  await captureSection(page, 'analytics-unusual', '53-analytics-unusual', { axe: false });
  await captureSection(page, 'analytics-staffing', '54-analytics-team', { axe: false });

  // Seven days: the data behind the chart holds them and the 14 forecast days after.
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
  const volume = page.getByTestId('analytics-volume');
  await volume.getByText('Data table').click();
  await expect(volume.locator('tbody tr')).toHaveCount(7 + 14);

  // Download CSV of the volume chart: its header, then one line per row of the data table.
  const [download] = await Promise.all([page.waitForEvent('download'), volume.getByTestId('download-csv-volume').click()]);
  expect(download.suggestedFilename()).toMatch(/^vigil-volume-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path(), 'utf8')).split('\r\n').filter((line) => line !== '');
  expect(csv[0]).toBe('date,alerts,investigations,forecast,low80,high80,low95,high95');
  expect(csv).toHaveLength(1 + 7 + 14);

  // The busiest day of the seven, from the data table.
  const days = await volume.getByTestId('volume-data').locator('tbody tr').evaluateAll((rows) => rows.slice(0, 7).map((row) => ({
    date: row.querySelector('th')?.textContent ?? '', alerts: Number(row.querySelectorAll('td')[0]?.textContent ?? 'NaN'),
  })));
  const busiest = days.reduce((best, day) => (day.alerts > best.alerts ? day : best));
  expect(busiest.alerts).toBeGreaterThan(0);
  expect(csv.slice(1, 8).map((line) => line.split(',').slice(0, 2).join(','))).toEqual(days.map((d) => `${d.date},${d.alerts}`));

  // Click its bar, low down (the bar starts at the x axis): grid 48 px from either side and 32 from the bottom, 21 columns.
  const chart = page.getByTestId('chart-volume');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error('volume chart not laid out');
  const index = days.findIndex((d) => d.date === busiest.date);
  await chart.click({ position: { x: 48 + ((index + 0.5) * (box.width - 96)) / 21, y: box.height - 32 - 6 } });

  await expectPage(page, 'triage');
  // Chromium may name the zone by its older alias (Asia/Calcutta): the screen counts in the zone the browser reports.
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect(zone).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
  await expect(page).toHaveURL(new RegExp(`#triage/from=${busiest.date}&to=${busiest.date}&tz=${zone}$`));
  await expect(page.getByTestId('triage-filter-time')).toHaveValue('days');
  await expect(page.getByTestId('triage-filter-time').locator('option:checked')).toHaveText(`Occurred ${busiest.date}`);
  await expect(page.getByTestId('triage-count')).toHaveText(`${busiest.alerts.toLocaleString('en-US')} ${busiest.alerts === 1 ? 'alert matches' : 'alerts match'}`);
  await captureWidths(page, '52-analytics-day-in-triage');

  // Clearing the filter shows every alert again, at plain #triage.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/#triage$/);
  await expect(page.getByTestId('triage-count')).toHaveText(/^[\d,]+ alerts match$/);
  await expect(page.getByTestId('triage-count')).not.toHaveText(`${busiest.alerts.toLocaleString('en-US')} alerts match`);

  // From the data table (the keyboard's way in): a day's investigations open the cases opened that day, whatever their status.
  await page.evaluate(() => { window.location.hash = 'analytics'; });
  await expectPage(page, 'analytics');
  await volume.getByText('Data table').click();
  const opened = await volume.getByTestId('volume-data').locator('tbody tr').evaluateAll((rows) => rows.slice(0, 7).map((row) => ({
    date: row.querySelector('th')?.textContent ?? '', investigations: Number(row.querySelectorAll('td')[1]?.textContent ?? 'NaN'),
  })));
  const mostOpened = opened.reduce((best, day) => (day.investigations > best.investigations ? day : best));
  await volume.getByRole('link', { name: `Investigations opened on ${mostOpened.date}` }).click();
  await expectPage(page, 'investigations');
  await expect(page).toHaveURL(new RegExp(`#investigations/status=any&from=${mostOpened.date}&to=${mostOpened.date}&tz=${zone}$`));
  await expect(page.getByTestId('investigations-filter-opened').locator('option:checked')).toHaveText(mostOpened.date);
  await expect(page.getByText(`${mostOpened.investigations} ${mostOpened.investigations === 1 ? 'investigation matches' : 'investigations match'} the filters.`)).toBeVisible();
});

test('the analytics breakdowns open the alerts and cases they count: severity, source, durations by person, resolutions, top entities', async ({ page }) => {
  test.setTimeout(300_000); // demo data, then four sections scanned and shot at two widths in two themes
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 4000, seed: 7, days: 60 });
  await page.evaluate(() => { window.location.hash = 'analytics'; });
  await expectPage(page, 'analytics');
  // 90 days: every demo case opened in them, so each person's durations and the resolutions have items.
  await page.getByRole('button', { name: 'Last 90 days' }).click();
  await expect(page.getByTestId('analytics-breakdown').getByTestId('chart-breakdown-severity')).toBeVisible();
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);

  // By severity: the day's four severities add up to its alerts, and a severity's count opens exactly those alerts.
  const breakdown = page.getByTestId('analytics-breakdown');
  await expect(breakdown.getByTestId('chart-breakdown-severity')).toBeVisible();
  await breakdown.getByText('Data table').click();
  const rows = await breakdown.getByTestId('breakdown-severity-data').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    date: tr.querySelector('th')?.textContent ?? '',
    counts: [...tr.querySelectorAll('td')].map((td) => Number((td.textContent ?? '').replace(/,/g, ''))),
  })));
  // The busiest day (the range starts before the demo's 60 days, on empty days).
  const busiest = rows.reduce((best, r) => ((r.counts[4] ?? 0) > (best.counts[4] ?? 0) ? r : best));
  const [critical, high, medium, low, total] = busiest.counts;
  expect(total).toBeGreaterThan(0);
  expect((critical ?? 0) + (high ?? 0) + (medium ?? 0) + (low ?? 0)).toBe(total);
  const { date } = busiest;
  await captureSection(page, 'analytics-breakdown', '58-analytics-breakdown');
  const severity = (low ?? 0) > 0 ? 'Low' : 'Medium';
  const expected = severity === 'Low' ? low : medium;
  await breakdown.getByRole('link', { name: `${severity} alerts on ${date}` }).click();
  await expectPage(page, 'triage');
  await expect(page).toHaveURL(new RegExp(`#triage/.*severity=${severity.toLowerCase()}`));
  await expect(page.getByTestId('triage-count')).toHaveText(`${(expected ?? 0).toLocaleString('en-US')} ${expected === 1 ? 'alert matches' : 'alerts match'}`);

  // By source: the toggle redraws the chart by source, with its own data table.
  await page.evaluate(() => { window.location.hash = 'analytics'; });
  await expectPage(page, 'analytics');
  await page.getByRole('button', { name: 'Last 90 days' }).click();
  await breakdown.getByTestId('breakdown-source').click();
  await expect(breakdown.getByTestId('chart-breakdown-source')).toBeVisible();
  await expect(breakdown.getByTestId('breakdown-hint')).toContainText('source');

  // How long work takes, by assignee: fetched on demand, with n beside every figure.
  const durations = page.getByTestId('analytics-durations');
  await durations.getByTestId('durations-by').selectOption('assignee');
  await expect(durations.getByTestId('durations-table')).toContainText('Ada Lovelace');
  await expect(durations.getByTestId('duration-missing')).toBeVisible();
  await captureSection(page, 'analytics-durations', '59-analytics-durations');

  // Resolutions: the resolved investigations open as a list filtered to the days they were resolved.
  const resolutions = page.getByTestId('analytics-resolutions');
  await expect(resolutions.getByTestId('chart-resolutions')).toBeVisible();
  await expect(resolutions.getByTestId('alert-verdicts-table').locator('tbody tr').first()).toBeVisible();
  await captureSection(page, 'analytics-resolutions', '60-analytics-resolutions');

  // Top entities: loaded after the report, each value opens its entity page.
  const top = page.getByTestId('analytics-top-entities');
  await expect(top.getByTestId('top-entities-table').locator('tbody tr').first()).toBeVisible();
  await captureSection(page, 'analytics-top-entities', '61-analytics-top-entities');

  await resolutions.getByRole('link', { name: /^\d[\d,]* investigations?$/ }).click();
  await expectPage(page, 'investigations');
  await expect(page).toHaveURL(new RegExp(`#investigations/.*resolvedFrom=.*&tz=${zone}`));
});

test('an unusual day on the analytics screen links to its alerts, and is marked as expected and undone', async ({ page }) => {
  test.setTimeout(240_000);
  await setUpThroughWizard(page, server.url);
  await invokeOk(page, 'demo.generate', { alerts: 4000, seed: 7, days: 60 });
  const surgeDate = await importSurge(page);
  await page.evaluate(() => { window.location.hash = 'analytics'; });
  await expectPage(page, 'analytics');
  await page.setViewportSize({ width: 1440, height: 900 });

  const unusual = page.getByTestId('analytics-unusual');
  const surge = unusual.getByTestId(`unusual-alerts-${surgeDate}`);
  await expect(surge).toContainText(/\d+ alerts · expected [\d.,]+ · bound [\d.,]+/);
  await expect(surge).toContainText(/baseline: same weekday, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);

  await surge.getByRole('button', { name: 'Mark as expected' }).click();
  await surge.getByLabel(`Why ${surgeDate} was expected`).fill('Refund scam campaign, already handled');
  await surge.getByRole('button', { name: 'Mark as expected' }).click();
  // The report is read again: the day shows its mark, and so does its row in the download.
  await expect(surge).toContainText('Marked as expected');
  await expect(surge).toContainText('Refund scam campaign, already handled');
  const [download] = await Promise.all([page.waitForEvent('download'), unusual.getByTestId('download-csv-unusual-days').click()]);
  const csv = (await readFile(await download.path(), 'utf8')).split('\r\n');
  expect(csv[0]).toBe('series,when,count,expected,upperBound,dispersion,baseline,partial,markedExpected,markNote,markedBy,markedAt');
  expect(csv.find((line) => line.startsWith(`alerts,${surgeDate},`))).toMatch(/,no,yes,"Refund scam campaign, already handled",Ada Lovelace,\d{4}-\d{2}-\d{2}T/);
  await captureSection(page, 'analytics-unusual', '55-analytics-marked');
  await page.setViewportSize({ width: 1440, height: 900 });
  await surge.getByRole('button', { name: 'Undo' }).click();
  await expect(surge.getByRole('button', { name: 'Mark as expected' })).toBeVisible();
  await expect(surge).not.toContainText('Marked as expected');

  // The day's count opens that day's alerts in the queue.
  await surge.getByRole('link', { name: new RegExp(`^Alerts on ${surgeDate}: \\d+$`) }).click();
  await expectPage(page, 'triage');
  await expect(page).toHaveURL(new RegExp(`#triage/from=${surgeDate}&to=${surgeDate}&tz=`));
});

test('the analytics screen of a new vault says what it cannot judge yet instead of showing zeros', async ({ page }) => {
  await setUpThroughWizard(page, server.url);
  await page.evaluate(() => { window.location.hash = 'analytics'; });
  await expectPage(page, 'analytics');
  await expect(page.getByTestId('unusual-alerts')).toContainText(/^Alerts: too little history to judge — \d+ days? of data, \d+ needed/);
  await expect(page.getByTestId('unusual-investigations')).toContainText(/^Investigations opened: too little history to judge/);
  await expect(page.getByTestId('unusual-hours')).toContainText('too little history to judge');
  await expect(page.getByTestId('staffing-estimate')).toContainText('No estimate: no forecast yet; no decisions by a person');
  await expect(page.getByTestId('analytics-staffing')).toContainText(/Decisions per analyst-day\s*— no decisions/);
  await expect(page.getByTestId('workload-table')).toContainText('Nobody holds open investigations or made a decision in the range.');
  await captureSection(page, 'analytics-unusual', '56-analytics-empty');
  await captureSection(page, 'analytics-staffing', '57-analytics-team-empty', { axe: false });
});
