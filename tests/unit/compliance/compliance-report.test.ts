import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
afterEach(() => vault?.dispose());

describe('compliance.exportReport', () => {
  it('makes a report of every control with its status and the audit head it was drawn from, its hash in the audit row', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const html = await admin.invoke('compliance.exportReport', { format: 'html' });
    const text = Buffer.from(html.contentBase64, 'base64').toString('utf8');
    expect(html.fileName).toMatch(/^compliance-report-\d{8}-\d{4}\.html$/);
    expect(text).toContain('Compliance report');
    expect(text).toContain('Test vault');
    expect(text).toContain('administrators: 1; without two factor: ada');
    expect(text).toContain('Every administrator signs in with two factors — FAIL');
    expect(text).toContain('ISO 27001 A.8.5');
    expect(html.auditHead).not.toBeNull();
    expect(text).toContain(html.auditHead?.hash);

    const pdf = await admin.invoke('compliance.exportReport', { format: 'pdf' });
    const bytes = Buffer.from(pdf.contentBase64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const row = vault.core.services.custody.vault.repositories.db.prepare<[], string>(
      "SELECT details FROM audit_log WHERE action = 'compliance.exportReport' ORDER BY seq DESC LIMIT 1",
    ).pluck().get();
    // The HTML report's evaluation verified the chain in full; the PDF's, a moment later, reused that.
    expect(JSON.parse(row ?? '{}')).toMatchObject({ format: 'pdf', sha256: pdf.sha256, auditHead: pdf.auditHead });
    expect(JSON.parse(row ?? '{}')).not.toHaveProperty('auditChain');
    expect(text).toContain('verified now: yes');
    if (process.env.VIGIL_KEEP_REPORT) writeFileSync(join(process.env.VIGIL_KEEP_REPORT, 'compliance.pdf'), bytes);
  });
});
