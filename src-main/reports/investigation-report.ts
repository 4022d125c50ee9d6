// An investigation report: what a lead or an auditor reads to know what happened in a case — its
// summary, timeline, entities, evidence with hashes and custody, actions with their approvals — and a
// manifest saying who generated it, when, from which vault state (the audit chain's head), and
// whether values were masked. Everything passes through the reader's PII lens, as on screen. The
// renderers (report-html.ts, report-pdf.ts) only lay this out.
import type { CustodyEvent, TimelineItem, UserRef } from '../../src-shared/workspace-model';
import type { InvestigationExport } from '../exports/investigation-export';
import type { PiiLens } from '../pii/pii-lens';
import type { Repositories } from '../repositories';

export interface ReportManifest {
  generatedBy: { username: string; displayName: string };
  generatedAt: number;
  appVersion: string;
  /** The audit chain's head when the report was made: the vault state it reflects. */
  auditHead: { seq: number; hash: string } | null;
  /** True when the reader lacks access_pii and values are masked. */
  masked: boolean;
}

export interface InvestigationReport {
  data: InvestigationExport;
  timeline: TimelineItem[];
  custody: Record<string, CustodyEvent[]>;
  manifest: ReportManifest;
}

export async function collectInvestigationReport(
  repos: Repositories, investigationId: string, lens: PiiLens, manifest: Omit<ReportManifest, 'auditHead' | 'masked'>,
): Promise<InvestigationReport | null> {
  const data = await repos.investigationExporter.collect(investigationId, lens);
  if (!data) return null;
  const store = repos.investigations;
  const user = repos.userRefs.resolver();
  const timeline = store.timeline.items(investigationId, store.view(lens, user));
  const custody: Record<string, CustodyEvent[]> = {};
  for (const item of data.evidence) {
    custody[item.id] = repos.evidence.custody(item.id).map((c) => ({ at: c.at, by: user(c.userId) as UserRef | null, event: c.event, detail: c.detail }));
  }
  return { data, timeline, custody, manifest: { ...manifest, auditHead: repos.audit.currentHead(), masked: !lens.seesAll } };
}
