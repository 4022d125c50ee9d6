// A surge of alerts for the anomaly checks: far above any demo day, so the day it falls on is flagged.
import type { Page } from '@playwright/test';
import { importCsv } from './import-csv';

/** 400 alerts yesterday around noon in the browser's zone, each its own rule so none fold into another. */
export async function importSurge(page: Page): Promise<string> {
  const yesterdayNoon = await page.evaluate(() => {
    const now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12, 0, 0).getTime();
  });
  const rows = Array.from({ length: 400 }, (_, i) => `surge-${i},${new Date(yesterdayNoon + i * 30_000).toISOString()},Refund scam wave ${i},medium,surge-${i}`);
  const csv = ['id,time,title,severity,rule', ...rows].join('\n');
  await importCsv(page, csv, 'reports', 'surge.csv');
  const date = new Date(yesterdayNoon);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
