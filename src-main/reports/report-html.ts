// A report document (report-document.ts) as one self-contained HTML file: no scripts, no external
// resources, styles inline, every value escaped, charts as inline SVG; prints on A4. The same
// blocks, in the same order, as the PDF.
import type { ReportBlock, ReportDocument, ReportTable } from './report-document';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `
  body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 60rem; padding: 2rem; }
  h1 { font-size: 18pt; margin: 0 0 .25rem; } h2 { font-size: 13pt; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
  .subtitle { color: #57606a; margin: 0 0 1rem; } .masked { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; border-radius: 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; } dt { color: #57606a; } dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 9.5pt; } th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #eaeef2; }
  th { color: #57606a; font-weight: 600; } td.mono, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 8.5pt; word-break: break-all; }
  th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .text { white-space: pre-wrap; } .empty, .muted { color: #57606a; } .empty { font-style: italic; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; margin: 1rem 0; }
  .card { border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .75rem; } .card-label { color: #57606a; font-size: 9pt; }
  .card-value { font-size: 16pt; font-weight: 600; } .card-note { color: #57606a; font-size: 8.5pt; }
  figure { margin: .5rem 0; } figure svg { width: 100%; height: auto; display: block; }
  @media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } tr, figure, .card { break-inside: avoid; } }
`;

function table(t: ReportTable): string {
  if (t.rows.length === 0) return `<p class="empty">${escape(t.empty)}</p>`;
  const cellClass = (i: number): string => {
    const column = t.columns[i];
    const classes = [column?.mono ? 'mono' : '', column?.numeric ? 'num' : ''].filter(Boolean).join(' ');
    return classes ? ` class="${classes}"` : '';
  };
  const head = t.columns.map((c, i) => `<th${cellClass(i)}>${escape(c.label)}</th>`).join('');
  const rows = t.rows.map((row) => `<tr>${row.map((cell, i) => `<td${cellClass(i)}>${escape(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'section': return `<h2>${escape(b.title)}</h2>`;
    case 'facts': return `<dl>${b.rows.map(([k, v]) => `<dt>${escape(k)}</dt><dd${b.mono ? ' class="mono"' : ''}>${escape(v)}</dd>`).join('')}</dl>`;
    case 'text': return `<p class="${b.muted ? 'text muted' : 'text'}">${escape(b.text)}</p>`;
    case 'notice': return `<p class="masked">${escape(b.text)}</p>`;
    case 'table': return table(b.table);
    case 'entries': return b.items.length === 0
      ? `<p class="empty">${escape(b.empty)}</p>`
      : b.items.map((item) => `<h3>${escape(item.heading)}</h3><p class="text">${escape(item.body)}</p>`).join('\n');
    case 'cards': return `<div class="cards">${b.cards.map((c) => `<div class="card"><div class="card-label">${escape(c.label)}</div>`
      + `<div class="card-value">${escape(c.value)}</div><div class="card-note">${escape(c.note)}</div></div>`).join('')}</div>`;
    // The SVG is echarts' own output from numbers and fixed words (chart-svg.ts), its text escaped by echarts.
    case 'chart': return `<figure role="img" aria-label="${escape(b.label)}">${b.svg.replace(/^<\?xml[^>]*>\s*/, '')}</figure>`;
  }
}

export function documentHtml(doc: ReportDocument): string {
  const body = [
    `<h1>${escape(doc.title)}</h1>`,
    `<p class="subtitle">${escape(doc.subtitle)}</p>`,
    ...doc.blocks.map(block),
  ].join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${escape(doc.title)}</title><style>${STYLE}</style></head><body>\n${body}\n</body></html>\n`;
}
