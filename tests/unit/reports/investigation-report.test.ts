// The investigation report: what it says (summary, timeline, entities, evidence hashes and custody,
// actions, findings, notes, manifest), that a role without access_pii gets it masked, that its hash is
// the file's and is in the audit log, and that the PDF is a paged PDF that comes out the same twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { addUser, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { vaultWithCase, CANARY } from '../case-package/case-fixtures';
import { collectInvestigationReport } from '../../../src-main/reports/investigation-report';
import { documentPdf } from '../../../src-main/reports/report-pdf';
import { investigationDocument } from '../../../src-main/reports/investigation-sections';
import { FULL_VIEW } from '../../../src-main/pii/pii-lens';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;
let id: string;
let key: string;

beforeAll(async () => {
  const made = await vaultWithCase();
  ({ vault, admin, id, key } = made);
  analyst = await addUser(vault, admin, 'ann', 'analyst');
}, 60_000);
afterAll(() => vault.dispose());

const text = (file: { contentBase64: string }) => Buffer.from(file.contentBase64, 'base64').toString('utf8');

describe('the investigation report', () => {
  it('tells the case: summary, timeline, entities, evidence with hash and custody, actions, findings, notes, manifest', async () => {
    const head = vault.core.services.custody.vault.repositories.audit.currentHead();
    const file = await admin.invoke('reports.investigation', { investigationId: id, format: 'html' });
    const html = text(file);
    expect(file.fileName).toMatch(new RegExp(`^${key}-report-\\d{8}-\\d{4}\\.html$`));
    expect(file.mediaType).toBe('text/html; charset=utf-8');
    for (const heading of ['Summary', 'Timeline', 'Entities', 'Evidence', 'Actions', 'Alerts', 'Findings', 'Notes', 'Manifest']) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    const evidence = vault.core.services.custody.vault.db.prepare('SELECT sha256 FROM evidence WHERE investigation_id = ?').get(id) as { sha256: string };
    expect(html).toContain(evidence.sha256);
    expect(html).toMatch(/imported by Ada[^<]*\n[^<]*viewed by Ada/);
    expect(html).toContain('warn user — proposed');
    expect(html).toContain('Ring of five');
    expect(html).toContain(`Ring ${CANARY}`);
    expect(html).toContain(`#${head?.seq} ${head?.hash}`);
    // Self-contained: no script, no outside resource.
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b|url\(/i);
  });

  it('masks what a role without access_pii may not see, and says so', async () => {
    const file = await analyst.invoke('reports.investigation', { investigationKey: key.toLowerCase(), format: 'html' });
    expect(file.masked).toBe(true);
    const html = text(file);
    expect(html).toContain('Personal data is masked in this report');
    expect(html).not.toContain('ring@example.com');
  });

  it('escapes what it quotes: a title cannot inject markup', async () => {
    await admin.invoke('investigations.update', { investigationId: id, title: 'Ring <img src=x onerror=alert(1)>' });
    const html = text(await admin.invoke('reports.investigation', { investigationId: id, format: 'html' }));
    expect(html).toContain('Ring &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('gives the SHA-256 of the bytes it returns and writes it to the audit log', async () => {
    const file = await admin.invoke('reports.investigation', { investigationId: id, format: 'pdf' });
    const bytes = Buffer.from(file.contentBase64, 'base64');
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(file.sizeBytes).toBe(bytes.length);
    const audit = await admin.invoke('audit.list', { limit: 5, action: 'reports.investigation' });
    expect(audit.entries[0]).toMatchObject({ outcome: 'success', target: id, details: expect.objectContaining({ sha256: file.sha256, format: 'pdf', key }) });
  });

  it('makes a paged PDF with its fonts embedded, the same bytes for the same report', async () => {
    const first = await admin.invoke('reports.investigation', { investigationId: id, format: 'pdf' });
    const bytes = Buffer.from(first.contentBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toContain('%%EOF');
    expect(bytes.toString('latin1')).toMatch(/\/FontFile2/);
    expect((bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2);
    // The same report (same vault state, same time) gives the same bytes: no random ids or clock reads.
    const report = await collectInvestigationReport(vault.core.services.custody.vault.repositories, id, FULL_VIEW, {
      generatedBy: { username: 'ada', displayName: 'Ada' }, generatedAt: vault.clock.now(), appVersion: 'test',
    });
    if (!report) throw new Error('no report');
    expect((await documentPdf(investigationDocument(report))).equals(await documentPdf(investigationDocument(report)))).toBe(true);
  });

  it('refuses an unknown case with NOT_FOUND', async () => {
    expect(await errorCodeOf(admin.invoke('reports.investigation', { investigationKey: 'INV-1999-0001', format: 'pdf' }))).toBe('NOT_FOUND');
  });
});
