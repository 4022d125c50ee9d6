// Worker entry that lays out a PDF report (built as out/main/report-worker.js). Laying out text with
// embedded fonts measured ~1.7 s for a small case on this machine's cores: on the main thread that
// would freeze every window, so the main thread collects the report (SQL, fast) and the PDF is made
// here. The request comes from this process's own main thread; it is checked for shape, not trusted
// further than that.
import { z } from 'zod';
import type { InvestigationReport } from '../reports/investigation-report';
import { reportPdf } from '../reports/report-pdf';
import { serveOneJob } from './worker-job';

const requestSchema = z.object({
  report: z.custom<InvestigationReport>((value) => typeof value === 'object' && value !== null && 'data' in value && 'manifest' in value),
}).strict();

serveOneJob(async (raw) => {
  const { report } = requestSchema.parse(raw);
  return (await reportPdf(report)).toString('base64');
});
