// What a report says, as blocks in reading order, and nothing about how it looks: the investigation
// and analytics reports each build one (investigation-sections.ts, analytics-sections.ts), and the
// HTML and PDF renderers (report-html.ts, report-pdf.ts) lay out any of them, so the two formats
// never differ in what they say.

export interface ReportTable {
  /** `weight`: the column's share of the width (1 when absent); `numeric`: aligned right. */
  columns: Array<{ label: string; mono?: boolean; weight?: number; numeric?: boolean }>;
  rows: string[][];
  /** Said instead of an empty table. */
  empty: string;
}

export type ReportBlock =
  /** A section's title (h2). */
  | { kind: 'section'; title: string }
  /** Label and value pairs; `mono` for hashes and ids. */
  | { kind: 'facts'; rows: Array<[string, string]>; mono?: boolean }
  /** A paragraph, line breaks kept; `muted` for explanations and placeholders. */
  | { kind: 'text'; text: string; muted?: boolean }
  /** A warning the reader must not miss (masked personal data). */
  | { kind: 'notice'; text: string }
  | { kind: 'table'; table: ReportTable }
  /** Headed texts (findings, notes). */
  | { kind: 'entries'; empty: string; items: Array<{ heading: string; body: string }> }
  /** Key figures side by side, each with what it counts. */
  | { kind: 'cards'; cards: Array<{ label: string; value: string; note: string }> }
  /** An SVG chart (chart-svg.ts), its size in CSS pixels, and what it shows in words. */
  | { kind: 'chart'; label: string; svg: string; width: number; height: number };

export interface ReportDocument {
  title: string;
  subtitle: string;
  /** Printed at the foot of every PDF page, before the page number. */
  footer: string;
  /** For the PDF's metadata. */
  author: string;
  creator: string;
  generatedAt: number;
  blocks: ReportBlock[];
}

/** 2026-03-02 14:05 UTC: reports are read elsewhere and later, so times say their zone. */
export function reportTime(at: number | string | null): string {
  if (at === null) return '—';
  const iso = typeof at === 'number' ? new Date(at).toISOString() : at;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The audit chain's head as a manifest line. */
export function auditHeadText(head: { seq: number; hash: string } | null): string {
  return head ? `#${head.seq} ${head.hash}` : 'empty log';
}
