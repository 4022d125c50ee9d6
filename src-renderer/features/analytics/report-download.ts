// The analytics report of the range on screen, as a PDF made in main (reports.analytics: the same
// numbers, laid out for paper and recorded in the audit log with the file's hash), saved through the
// browser's download path.
import { api } from '../../api/client';
import type { StatsReport } from '../../../src-shared/analytics-model';
import { saveFile } from '../../kit/download';

export async function saveAnalyticsReport(shown: StatsReport): Promise<void> {
  const { from, to, timeZone } = shown.range;
  const file = await api.invoke('reports.analytics', { from, to, timeZone, format: 'pdf' });
  saveFile(file.fileName, file.mediaType, file.contentBase64);
}
