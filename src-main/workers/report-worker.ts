// Worker entry that lays out a report (built as out/main/report-worker.js). Laying out text with
// embedded fonts measured ~1.7 s for a small case on this machine's cores, and drawing a chart with
// echarts tens of ms more: on the main thread that would freeze every window, so the main thread
// collects the report (SQL, fast) and the file is made here — the investigation report's PDF, and
// the analytics report in both formats (its charts are drawn for either). The request comes from
// this process's own main thread; it is checked for shape, not trusted further than that.
import { z } from 'zod';
import { REPORT_FORMATS } from '../../src-shared/report-contract';
import type { AnalyticsReport } from '../reports/analytics-report';
import type { InvestigationReport } from '../reports/investigation-report';
import type { ReportDocument } from '../reports/report-document';
import { investigationDocument } from '../reports/investigation-sections';
import { documentHtml } from '../reports/report-html';
import { documentPdf } from '../reports/report-pdf';
import { serveOneJob } from './worker-job';

const isObjectWith = (value: unknown, keys: string[]): boolean => typeof value === 'object' && value !== null && keys.every((key) => key in value);

const requestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('investigation'),
    report: z.custom<InvestigationReport>((value) => isObjectWith(value, ['data', 'manifest'])),
  }).strict(),
  z.object({
    kind: z.literal('analytics'),
    format: z.enum(REPORT_FORMATS),
    report: z.custom<AnalyticsReport>((value) => isObjectWith(value, ['stats', 'topEntities', 'manifest'])),
  }).strict(),
  // A document already said (the compliance report): only its layout is made here.
  z.object({
    kind: z.literal('document'),
    document: z.custom<ReportDocument>((value) => isObjectWith(value, ['title', 'blocks'])),
  }).strict(),
]);

serveOneJob(async (raw) => {
  const request = requestSchema.parse(raw);
  if (request.kind === 'investigation') return (await documentPdf(investigationDocument(request.report))).toString('base64');
  if (request.kind === 'document') return (await documentPdf(request.document)).toString('base64');
  // Loaded only for the report that draws charts: echarts is most of what this worker would load.
  const { analyticsDocument } = await import('../reports/analytics-sections');
  const document = analyticsDocument(request.report);
  const bytes = request.format === 'pdf' ? await documentPdf(document) : Buffer.from(documentHtml(document), 'utf8');
  return bytes.toString('base64');
});
