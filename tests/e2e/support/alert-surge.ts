// A surge of alerts for the anomaly checks: far above any demo day, so the day it falls on is flagged.
import type { Page } from '@playwright/test';
import { invokeOk } from './app';

/** 400 alerts yesterday around noon in the browser's zone, each its own rule so none fold into another. */
export async function importSurge(page: Page): Promise<string> {
  const yesterdayNoon = await page.evaluate(() => {
    const now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12, 0, 0).getTime();
  });
  const rows = Array.from({ length: 400 }, (_, i) => `surge-${i},${new Date(yesterdayNoon + i * 30_000).toISOString()},Refund scam wave ${i},medium,surge-${i}`);
  const csv = ['id,time,title,severity,rule', ...rows].join('\n');
  const ticket = await invokeOk<{ uploadId: string }>(page, 'uploads.begin', { fileName: 'surge.csv', size: Buffer.byteLength(csv) });
  await invokeOk(page, 'uploads.chunk', { uploadId: ticket.uploadId, offset: 0, dataBase64: Buffer.from(csv).toString('base64') });
  await invokeOk(page, 'alerts.importUpload', { uploadId: ticket.uploadId, jobId: crypto.randomUUID(), source: 'reports' });
  const date = new Date(yesterdayNoon);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
