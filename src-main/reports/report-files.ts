// Reports as files: rendered, named, hashed. The hash goes back to the caller and into the audit row
// of the generation, so a report found later can be matched to who made it and when. PDFs, and the
// analytics report in either format (it draws charts), are laid out in a worker thread
// (workers/report-worker.ts); built once by the composition root.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import type { StatsReport, TopEntities } from '../../src-shared/analytics-model';
import type { ReportFile, ReportFormat } from '../../src-shared/report-contract';
import type { PiiLens } from '../pii/pii-lens';
import type { Repositories } from '../repositories';
import type { AnalyticsManifest } from './analytics-report';
import { collectInvestigationReport, type ReportManifest } from './investigation-report';
import { investigationDocument } from './investigation-sections';
import { documentHtml } from './report-html';
import type { ReportDocument } from './report-document';
import { WorkerLauncher } from '../workers/worker-launcher';

const MEDIA_TYPES: Record<ReportFormat, string> = { html: 'text/html; charset=utf-8', pdf: 'application/pdf' };

/** INV-2026-0001-report-20260302-1405.pdf; analytics-2026-03-01-2026-03-30-report-20260331-0900.pdf */
function fileName(key: string, at: number, format: ReportFormat): string {
  const stamp = new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${key.replace(/[^A-Za-z0-9-]/g, '')}-report-${stamp}.${format}`;
}

const base64Result = z.string();

export class ReportService {
  private readonly workers = new WorkerLauncher();

  async investigationFile(
    repos: Repositories, investigationId: string, format: ReportFormat, lens: PiiLens,
    manifest: Omit<ReportManifest, 'auditHead' | 'masked'>,
  ): Promise<ReportFile & { investigationKey: string }> {
    const report = await collectInvestigationReport(repos, investigationId, lens, manifest);
    if (!report) throw new VigilError('NOT_FOUND', 'No such investigation');
    const bytes = format === 'pdf'
      ? Buffer.from(await this.workers.run('report-worker', { request: { kind: 'investigation', report }, dataKey: null, result: base64Result }), 'base64')
      : Buffer.from(documentHtml(investigationDocument(report)), 'utf8');
    return { ...fileOf(bytes, report.data.investigation.key, format, manifest.generatedAt, report.manifest.masked), investigationKey: report.data.investigation.key };
  }

  /** The analytics report of a stats report already computed (analytics/analytics-service.ts). */
  async analyticsFile(content: { stats: StatsReport; topEntities: TopEntities }, format: ReportFormat, manifest: AnalyticsManifest): Promise<ReportFile> {
    const { stats } = content;
    const request = { kind: 'analytics', format, report: { ...content, manifest } };
    const bytes = Buffer.from(await this.workers.run('report-worker', { request, dataKey: null, result: base64Result }), 'base64');
    return fileOf(bytes, `analytics-${stats.range.from}-${stats.range.to}`, format, manifest.generatedAt, manifest.masked);
  }

  /** A report whose document is already said (the compliance report): PDF laid out in the worker, HTML here. */
  async documentFile(document: ReportDocument, key: string, format: ReportFormat): Promise<ReportFile> {
    const bytes = format === 'pdf'
      ? Buffer.from(await this.workers.run('report-worker', { request: { kind: 'document', document }, dataKey: null, result: base64Result }), 'base64')
      : Buffer.from(documentHtml(document), 'utf8');
    return fileOf(bytes, key, format, document.generatedAt, false);
  }

  /** Stops reports being made (their callers get CANCELLED); at shutdown. */
  close(): Promise<void> {
    return this.workers.terminateAll();
  }
}

function fileOf(bytes: Buffer, key: string, format: ReportFormat, generatedAt: number, masked: boolean): ReportFile {
  return {
    fileName: fileName(key, generatedAt, format),
    mediaType: MEDIA_TYPES[format],
    contentBase64: bytes.toString('base64'),
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    masked,
  };
}
