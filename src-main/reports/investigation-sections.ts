// The investigation report's content as a report document (report-document.ts): facts, summary,
// tables (timeline, entities, evidence and its custody, actions and their approvals, alerts), texts
// (findings, notes), and the manifest.
import type { UserRef } from '../../src-shared/workspace-model';
import type { InvestigationReport } from './investigation-report';
import { generatedByText, manifestBlocks, maskedNotice, reportTime, type ReportBlock, type ReportDocument, type ReportTable } from './report-document';

const person = (u: UserRef | null): string => (u ? `${u.displayName} (${u.username})` : '—');
const words = (text: string | null): string => (text ? text.replace(/_/g, ' ') : '—');

export function investigationDocument(report: InvestigationReport): ReportDocument {
  const { data, timeline, custody, manifest } = report;
  const inv = data.investigation;
  const by = generatedByText(manifest);
  const tables: Array<{ title: string; table: ReportTable }> = [
    {
      title: 'Timeline',
      table: {
        empty: 'Nothing happened yet.',
        columns: [{ label: 'When', weight: 1.3 }, { label: 'What', weight: 3 }, { label: 'By', weight: 1.4 }],
        rows: timeline.map((t) => [reportTime(t.at), t.title, person(t.by)]),
      },
    },
    {
      title: 'Entities',
      table: {
        empty: 'No entities.',
        columns: [{ label: 'Kind', weight: 1 }, { label: 'Value', mono: true, weight: 4 }],
        rows: data.entities.map((e) => [e.kind, e.value]),
      },
    },
    {
      title: 'Evidence',
      table: {
        empty: 'No evidence.',
        columns: [{ label: 'File', weight: 2 }, { label: 'Size', weight: 1 }, { label: 'SHA-256', mono: true, weight: 2.2 }, { label: 'Custody', weight: 2.6 }],
        rows: data.evidence.map((e) => [
          `${e.fileName}${e.description ? ` — ${e.description}` : ''}`,
          `${e.size.toLocaleString('en-US')} bytes`,
          e.sha256,
          (custody[e.id] ?? []).map((c) => `${reportTime(c.at)} ${c.event.replace('_', ' ')} by ${person(c.by)}${c.detail ? ` (${c.detail})` : ''}`).join('\n'),
        ]),
      },
    },
    {
      title: 'Actions',
      table: {
        empty: 'No actions.',
        columns: [{ label: 'Action', weight: 1.7 }, { label: 'Targets', weight: 1.4 }, { label: 'Proposed', weight: 1.3 }, { label: 'Decided', weight: 1.3 }, { label: 'Executed', weight: 1.3 }],
        rows: data.actions.map((a) => [
          `${words(a.kind)} — ${words(a.status)}${a.destructive ? ' (four eyes)' : ''}\n${a.reason}`,
          a.targets.map((t) => `${t.kind} ${t.value}`).join('\n'),
          `${person(a.proposedBy)}\n${reportTime(a.proposedAt)}`,
          a.decidedBy ? `${person(a.decidedBy)}\n${reportTime(a.decidedAt)}${a.decisionComment ? `\n“${a.decisionComment}”` : ''}` : '—',
          a.executedBy ? `${person(a.executedBy)}\n${reportTime(a.executedAt)}` : '—',
        ]),
      },
    },
    {
      title: 'Alerts',
      table: {
        empty: 'No alerts linked.',
        columns: [{ label: 'When', weight: 1.3 }, { label: 'Severity', weight: 0.7 }, { label: 'Source / rule', weight: 1.6 }, { label: 'Title', weight: 2.6 }],
        rows: data.alerts.map((a) => [reportTime(a.occurredAt), a.severity, `${a.source}${a.rule ? ` / ${a.rule}` : ''}`, a.title]),
      },
    },
  ];
  const texts = [
    { title: 'Findings', empty: 'No findings.', items: data.findings.map((f) => ({ heading: `${f.title} — ${person(f.author)}, ${reportTime(f.updatedAt)}`, body: f.body })) },
    { title: 'Notes', empty: 'No notes.', items: data.notes.map((n) => ({ heading: `${person(n.author)}, ${reportTime(n.createdAt)}`, body: n.body })) },
  ];
  const blocks: ReportBlock[] = [
    ...maskedNotice(manifest),
    {
      kind: 'facts',
      rows: [
        ['Status', `${words(inv.status)}${inv.resolution ? ` (${words(inv.resolution)})` : ''}`],
        ['Severity', inv.severity],
        ['Assignee', person(inv.assignee)],
        ['Opened', reportTime(inv.openedAt)],
        ['Closed', reportTime(inv.closedAt)],
        ['SLA due', reportTime(inv.slaDueAt)],
        ['Tags', inv.tags.length > 0 ? inv.tags.join(', ') : '—'],
        ['Contents', `${data.alerts.length} alerts, ${data.entities.length} entities, ${data.evidence.length} evidence files, ${data.actions.length} actions`],
      ],
    },
    { kind: 'section', title: 'Summary' },
    inv.summary ? { kind: 'text', text: inv.summary } : { kind: 'text', text: 'No summary.', muted: true },
    ...tables.flatMap(({ title, table }): ReportBlock[] => [{ kind: 'section', title }, { kind: 'table', table }]),
    ...texts.flatMap(({ title, empty, items }): ReportBlock[] => [{ kind: 'section', title }, { kind: 'entries', empty, items }]),
    ...manifestBlocks([['Investigation', `${inv.key} (${inv.id})`]], manifest, 'reports.investigation'),
  ];
  return {
    title: `${inv.key} · ${inv.title}`,
    subtitle: `Investigation report, generated ${reportTime(manifest.generatedAt)} by ${by}`,
    footer: inv.key,
    author: by,
    creator: `Vigil ${manifest.appVersion}`,
    generatedAt: manifest.generatedAt,
    blocks,
  };
}
