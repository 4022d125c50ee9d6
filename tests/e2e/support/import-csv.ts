// Alerts into the vault as an analyst's import would bring them: the CSV uploaded, then imported.
// An import, unlike the demo generator, gives no alert a verdict, so every row waits in the queue.
import type { Page } from '@playwright/test';
import { invokeOk } from './app';

/** Uploads `csv` as one chunk and imports it under `source`. */
export async function importCsv(page: Page, csv: string, source: string, fileName = 'alerts.csv'): Promise<void> {
  const bytes = Buffer.from(csv);
  const ticket = await invokeOk<{ uploadId: string }>(page, 'uploads.begin', { fileName, size: bytes.length });
  await invokeOk(page, 'uploads.chunk', { uploadId: ticket.uploadId, offset: 0, dataBase64: bytes.toString('base64') });
  await invokeOk(page, 'alerts.importUpload', { uploadId: ticket.uploadId, jobId: crypto.randomUUID(), source });
}
