// A report document (report-document.ts) as a PDF (A4, DejaVu fonts embedded so names in any script
// print), laid out from the same blocks as the HTML; charts are drawn from their SVG as vectors
// (svg-to-pdfkit). Made in memory: a report is pages of text, not megabytes. Creation dates are
// fixed to the report's generation time, so the same report gives the same bytes.
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { resourceFile } from '../platform/resource-files';
import type { ReportBlock, ReportDocument, ReportTable } from './report-document';

const INK = '#1b1f24';
const MUTED = '#57606a';
const RULE = '#d0d7de';
const MARGIN = 50;

type Doc = PDFKit.PDFDocument;

const contentWidth = (doc: Doc): number => doc.page.width - 2 * MARGIN;
const bottom = (doc: Doc): number => doc.page.height - MARGIN;

/** Starts a new page unless `height` more points fit on this one. */
function keepRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function fonts(doc: Doc): void {
  doc.registerFont('body', resourceFile('fonts/DejaVuSans.ttf'));
  doc.registerFont('bold', resourceFile('fonts/DejaVuSans-Bold.ttf'));
  doc.registerFont('mono', resourceFile('fonts/DejaVuSansMono.ttf'));
}

function heading(doc: Doc, text: string): void {
  keepRoom(doc, 80);
  doc.moveDown(1).font('bold').fontSize(12.5).fillColor(INK).text(text, MARGIN);
  const y = doc.y + 2;
  doc.moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(0.75).strokeColor(RULE).stroke();
  doc.moveDown(0.5);
}

function pairs(doc: Doc, rows: Array<[string, string]>, valueFont: 'body' | 'mono'): void {
  const labelWidth = 95;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('body').fontSize(9).fillColor(MUTED).text(label, MARGIN, y, { width: labelWidth });
    doc.font(valueFont).fontSize(valueFont === 'mono' ? 8 : 9.5).fillColor(INK)
      .text(value, MARGIN + labelWidth + 10, y, { width: contentWidth(doc) - labelWidth - 10 });
    doc.moveDown(0.2);
  }
}

function table(doc: Doc, t: ReportTable): void {
  if (t.rows.length === 0) {
    doc.font('body').fontSize(9.5).fillColor(MUTED).text(t.empty, MARGIN);
    return;
  }
  const width = contentWidth(doc);
  const total = t.columns.reduce((sum, c) => sum + (c.weight ?? 1), 0);
  const align = (i: number) => (t.columns[i]?.numeric ? { x: 'right' as const } : { x: 'left' as const });
  doc.table({
    position: { x: MARGIN },
    maxWidth: width,
    columnStyles: t.columns.map((c) => ({ width: (width * (c.weight ?? 1)) / total })),
    defaultStyle: { border: { top: 0, right: 0, bottom: 0.5, left: 0 }, borderColor: { bottom: RULE }, padding: [3, 4] },
    data: [
      t.columns.map((c, i) => ({ text: c.label, type: 'TH' as const, font: { src: 'bold', size: 8.5 }, textColor: MUTED, backgroundColor: '#f6f8fa', align: align(i) })),
      ...t.rows.map((row) => row.map((cell, i) => ({
        text: cell, font: t.columns[i]?.mono ? { src: 'mono', size: 7.5 } : { src: 'body', size: 8.5 }, textColor: INK, align: align(i),
      }))),
    ],
  });
  doc.x = MARGIN;
}

function entries(doc: Doc, b: Extract<ReportBlock, { kind: 'entries' }>): void {
  if (b.items.length === 0) doc.font('body').fontSize(9.5).fillColor(MUTED).text(b.empty, MARGIN);
  for (const item of b.items) {
    doc.font('bold').fontSize(9.5).fillColor(INK).text(item.heading, MARGIN);
    doc.font('body').fontSize(9.5).text(item.body || '—', MARGIN).moveDown(0.5);
  }
}

function notice(doc: Doc, text: string): void {
  doc.moveDown(0.6);
  const y = doc.y;
  const inner = contentWidth(doc) - 16;
  doc.font('body').fontSize(9.5);
  const height = doc.heightOfString(text, { width: inner }) + 10;
  doc.rect(MARGIN, y, contentWidth(doc), height).fillAndStroke('#fff8c5', '#d4a72c');
  doc.fillColor(INK).text(text, MARGIN + 8, y + 5, { width: inner });
  doc.x = MARGIN;
  doc.y = y + height;
}

/** Key figures in boxes side by side, all as tall as the tallest. */
function cards(doc: Doc, list: Array<{ label: string; value: string; note: string }>): void {
  const gap = 8;
  const width = (contentWidth(doc) - gap * (list.length - 1)) / list.length;
  const inner = width - 12;
  const noteHeight = Math.max(...list.map((c) => doc.font('body').fontSize(7.5).heightOfString(c.note, { width: inner })));
  const labelHeight = Math.max(...list.map((c) => doc.font('body').fontSize(8.5).heightOfString(c.label, { width: inner })));
  const height = 6 + labelHeight + 2 + 20 + noteHeight + 6;
  doc.moveDown(0.6);
  keepRoom(doc, height);
  const top = doc.y;
  list.forEach((card, i) => {
    const x = MARGIN + i * (width + gap);
    doc.roundedRect(x, top, width, height, 4).lineWidth(0.75).strokeColor(RULE).stroke();
    doc.font('body').fontSize(8.5).fillColor(MUTED).text(card.label, x + 6, top + 6, { width: inner });
    doc.font('bold').fontSize(15).fillColor(INK).text(card.value, x + 6, top + 6 + labelHeight + 2, { width: inner, lineBreak: false });
    doc.font('body').fontSize(7.5).fillColor(MUTED).text(card.note, x + 6, top + 6 + labelHeight + 2 + 20, { width: inner });
  });
  doc.x = MARGIN;
  doc.y = top + height + 4;
}

/** The chart scaled to the column's width, as vectors; its fonts are the document's own. */
function chart(doc: Doc, b: Extract<ReportBlock, { kind: 'chart' }>): void {
  const width = contentWidth(doc);
  const height = (width * b.height) / b.width;
  keepRoom(doc, height + 8);
  const top = doc.y + 4;
  SVGtoPDF(doc, b.svg, MARGIN, top, {
    width, height, preserveAspectRatio: 'xMidYMid meet',
    fontCallback: (_family, bold) => (bold ? 'bold' : 'body'),
    // Whatever it cannot draw is left out of the picture, not worth failing the report for.
    warningCallback: () => undefined,
  });
  doc.x = MARGIN;
  doc.y = top + height + 4;
}

/** Roughly how tall a block will be, measured with the fonts it is set in (for keeping sections whole). */
function heightOf(doc: Doc, b: ReportBlock): number {
  const width = contentWidth(doc);
  switch (b.kind) {
    case 'section': return 40;
    case 'facts': return b.rows.reduce((sum, [, v]) => sum + doc.font(b.mono ? 'mono' : 'body').fontSize(b.mono ? 8 : 9.5).heightOfString(v, { width: width - 105 }) + 3, 0);
    case 'text': return doc.font('body').fontSize(9.5).heightOfString(b.text, { width }) + 6;
    case 'notice': return doc.font('body').fontSize(9.5).heightOfString(b.text, { width: width - 16 }) + 20;
    case 'entries': return b.items.reduce((sum, item) => sum + doc.font('body').fontSize(9.5).heightOfString(`${item.heading}\n${item.body}`, { width }) + 8, 14);
    case 'cards': return 90;
    case 'chart': return (width * b.height) / b.width + 8;
    case 'table': {
      const total = b.table.columns.reduce((sum, c) => sum + (c.weight ?? 1), 0);
      const rowHeight = (row: string[], font: string) => 6 + Math.max(...row.map((cell, i) => {
        const column = b.table.columns[i];
        return doc.font(column?.mono && font === 'body' ? 'mono' : font).fontSize(column?.mono && font === 'body' ? 7.5 : 8.5)
          .heightOfString(cell || ' ', { width: (width * (column?.weight ?? 1)) / total - 8 });
      }));
      return rowHeight(b.table.columns.map((c) => c.label), 'bold') + b.table.rows.reduce((sum, row) => sum + rowHeight(row, 'body'), 0);
    }
  }
}

/** A section that fits on a page starts on a new one rather than break across two. */
function keepSectionWhole(doc: Doc, blocks: ReportBlock[], start: number): void {
  let height = 0;
  for (let i = start; i < blocks.length; i += 1) {
    const b = blocks[i];
    if (!b || (i > start && b.kind === 'section')) break;
    height += heightOf(doc, b);
  }
  if (height <= bottom(doc) - MARGIN) keepRoom(doc, height);
}

function block(doc: Doc, b: ReportBlock): void {
  switch (b.kind) {
    case 'section': heading(doc, b.title); break;
    case 'facts': pairs(doc, b.rows, b.mono ? 'mono' : 'body'); break;
    case 'text': doc.font('body').fontSize(9.5).fillColor(b.muted ? MUTED : INK).text(b.text, MARGIN, doc.y, { width: contentWidth(doc) }).moveDown(0.4); break;
    case 'notice': notice(doc, b.text); break;
    case 'table': table(doc, b.table); break;
    case 'entries': entries(doc, b); break;
    case 'cards': cards(doc, b.cards); break;
    case 'chart': chart(doc, b); break;
  }
}

export function documentPdf(report: ReportDocument): Promise<Buffer> {
  const created = new Date(report.generatedAt);
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, bufferPages: true,
    info: { Title: report.title, Author: report.author, Creator: report.creator, CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  fonts(doc);

  doc.font('bold').fontSize(17).fillColor(INK).text(report.title, MARGIN, MARGIN);
  doc.moveDown(0.2).font('body').fontSize(9.5).fillColor(MUTED).text(report.subtitle);
  doc.moveDown(0.8);
  report.blocks.forEach((b, i) => {
    if (b.kind === 'section') keepSectionWhole(doc, report.blocks, i);
    block(doc, b);
  });

  // Page numbers and what the report is about on every page, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const footer = `${report.footer} · page ${i + 1} of ${range.count}`;
    doc.font('body').fontSize(7.5).fillColor(MUTED).text(footer, MARGIN, doc.page.height - MARGIN + 15, { width: contentWidth(doc), align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
