// The investigation report as a PDF (A4, DejaVu fonts embedded so names in any script print), laid
// out from the same sections as the HTML. Made in memory: a report is pages of text, not megabytes.
// Creation dates are fixed to the report's generation time, so the same report gives the same bytes.
import PDFDocument from 'pdfkit';
import { resourceFile } from '../platform/resource-files';
import type { InvestigationReport } from './investigation-report';
import { reportSections, type ReportTable } from './report-sections';

const INK = '#1b1f24';
const MUTED = '#57606a';
const RULE = '#d0d7de';
const MARGIN = 50;

function fonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont('body', resourceFile('fonts/DejaVuSans.ttf'));
  doc.registerFont('bold', resourceFile('fonts/DejaVuSans-Bold.ttf'));
  doc.registerFont('mono', resourceFile('fonts/DejaVuSansMono.ttf'));
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(1).font('bold').fontSize(12.5).fillColor(INK).text(text, MARGIN);
  const y = doc.y + 2;
  doc.moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(0.75).strokeColor(RULE).stroke();
  doc.moveDown(0.5);
}

function pairs(doc: PDFKit.PDFDocument, rows: Array<[string, string]>, valueFont: 'body' | 'mono'): void {
  const labelWidth = 95;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('body').fontSize(9).fillColor(MUTED).text(label, MARGIN, y, { width: labelWidth });
    doc.font(valueFont).fontSize(valueFont === 'mono' ? 8 : 9.5).fillColor(INK)
      .text(value, MARGIN + labelWidth + 10, y, { width: doc.page.width - 2 * MARGIN - labelWidth - 10 });
    doc.moveDown(0.2);
  }
}

function table(doc: PDFKit.PDFDocument, t: ReportTable): void {
  if (t.rows.length === 0) {
    doc.font('body').fontSize(9.5).fillColor(MUTED).text(t.empty, MARGIN);
    return;
  }
  const width = doc.page.width - 2 * MARGIN;
  const total = t.columns.reduce((sum, c) => sum + (c.weight ?? 1), 0);
  doc.table({
    position: { x: MARGIN },
    maxWidth: width,
    columnStyles: t.columns.map((c) => ({ width: (width * (c.weight ?? 1)) / total })),
    defaultStyle: { border: { top: 0, right: 0, bottom: 0.5, left: 0 }, borderColor: { bottom: RULE }, padding: [3, 4] },
    data: [
      t.columns.map((c) => ({ text: c.label, type: 'TH' as const, font: { src: 'bold', size: 8.5 }, textColor: MUTED, backgroundColor: '#f6f8fa' })),
      ...t.rows.map((row) => row.map((cell, i) => ({
        text: cell, font: t.columns[i]?.mono ? { src: 'mono', size: 7.5 } : { src: 'body', size: 8.5 }, textColor: INK,
      }))),
    ],
  });
  doc.x = MARGIN;
}

export function reportPdf(report: InvestigationReport): Promise<Buffer> {
  const s = reportSections(report);
  const created = new Date(report.manifest.generatedAt);
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, bufferPages: true,
    info: { Title: s.title, Author: `${report.manifest.generatedBy.displayName} (${report.manifest.generatedBy.username})`, Creator: `Vigil ${report.manifest.appVersion}`, CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  fonts(doc);

  doc.font('bold').fontSize(17).fillColor(INK).text(s.title, MARGIN, MARGIN);
  doc.moveDown(0.2).font('body').fontSize(9.5).fillColor(MUTED).text(s.subtitle);
  if (s.maskedNotice) {
    doc.moveDown(0.6);
    const y = doc.y;
    const height = doc.heightOfString(s.maskedNotice, { width: doc.page.width - 2 * MARGIN - 16 }) + 10;
    doc.rect(MARGIN, y, doc.page.width - 2 * MARGIN, height).fillAndStroke('#fff8c5', '#d4a72c');
    doc.fillColor(INK).text(s.maskedNotice, MARGIN + 8, y + 5, { width: doc.page.width - 2 * MARGIN - 16 });
    doc.x = MARGIN;
  }
  doc.moveDown(0.8);
  pairs(doc, s.facts, 'body');
  heading(doc, 'Summary');
  doc.font('body').fontSize(9.5).fillColor(s.summary ? INK : MUTED).text(s.summary || 'No summary.', MARGIN);
  for (const t of s.tables) {
    heading(doc, t.title);
    table(doc, t);
  }
  for (const t of s.texts) {
    heading(doc, t.title);
    if (t.items.length === 0) doc.font('body').fontSize(9.5).fillColor(MUTED).text(t.empty, MARGIN);
    for (const item of t.items) {
      doc.font('bold').fontSize(9.5).fillColor(INK).text(item.heading, MARGIN);
      doc.font('body').fontSize(9.5).text(item.body || '—', MARGIN).moveDown(0.5);
    }
  }
  heading(doc, 'Manifest');
  pairs(doc, s.manifest, 'mono');

  // Page numbers and the case key on every page, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const footer = `${report.data.investigation.key} · page ${i + 1} of ${range.count}`;
    doc.font('body').fontSize(7.5).fillColor(MUTED).text(footer, MARGIN, doc.page.height - MARGIN + 15, { width: doc.page.width - 2 * MARGIN, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
