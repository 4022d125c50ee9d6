// The investigation report as one self-contained HTML file: no scripts, no external resources, styles
// inline, every value escaped; prints on A4. The same sections, in the same order, as the PDF.
import type { InvestigationReport } from './investigation-report';
import { reportSections, type ReportTable } from './report-sections';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `
  body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 60rem; padding: 2rem; }
  h1 { font-size: 18pt; margin: 0 0 .25rem; } h2 { font-size: 13pt; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
  .subtitle { color: #57606a; margin: 0 0 1rem; } .masked { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; border-radius: 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; } dt { color: #57606a; } dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 9.5pt; } th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #eaeef2; }
  th { color: #57606a; font-weight: 600; } td.mono, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 8.5pt; word-break: break-all; }
  .text { white-space: pre-wrap; } .empty { color: #57606a; font-style: italic; }
  @media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

function table(t: ReportTable): string {
  if (t.rows.length === 0) return `<p class="empty">${escape(t.empty)}</p>`;
  const head = t.columns.map((c) => `<th>${escape(c.label)}</th>`).join('');
  const rows = t.rows.map((row) => `<tr>${row.map((cell, i) => `<td${t.columns[i]?.mono ? ' class="mono"' : ''}>${escape(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

export function reportHtml(report: InvestigationReport): string {
  const s = reportSections(report);
  const facts = s.facts.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('');
  const manifest = s.manifest.map(([k, v]) => `<dt>${escape(k)}</dt><dd class="mono">${escape(v)}</dd>`).join('');
  const body = [
    `<h1>${escape(s.title)}</h1>`,
    `<p class="subtitle">${escape(s.subtitle)}</p>`,
    s.maskedNotice ? `<p class="masked">${escape(s.maskedNotice)}</p>` : '',
    `<dl>${facts}</dl>`,
    `<h2>Summary</h2>`, s.summary ? `<p class="text">${escape(s.summary)}</p>` : '<p class="empty">No summary.</p>',
    ...s.tables.flatMap((t) => [`<h2>${escape(t.title)}</h2>`, table(t)]),
    ...s.texts.flatMap((t) => [`<h2>${escape(t.title)}</h2>`, t.items.length === 0
      ? `<p class="empty">${escape(t.empty)}</p>`
      : t.items.map((item) => `<h3>${escape(item.heading)}</h3><p class="text">${escape(item.body)}</p>`).join('\n')]),
    `<h2>Manifest</h2>`, `<dl>${manifest}</dl>`,
  ].join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${escape(s.title)}</title><style>${STYLE}</style></head><body>\n${body}\n</body></html>\n`;
}
