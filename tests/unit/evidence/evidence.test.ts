import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf, vigilErrorOf } from '../support/errors';
import { filesContaining } from '../support/vault-files';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { MAX_EVIDENCE_BYTES } from '../../../src-main/evidence/evidence-repository';
import { insertInvestigation, vaultDb } from '../actions/workspace-fixtures';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;
let senior: InProcessClient;
let investigationId: string;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  senior = await addUser(vault, admin, 'sam', 'senior_analyst');
  investigationId = insertInvestigation(vaultDb(vault));
});
afterAll(() => vault.dispose());

async function upload(client: InProcessClient, bytes: Buffer, fileName = 'screenshot.png'): Promise<string> {
  const { uploadId, chunkBytes } = await client.invoke('uploads.begin', { fileName, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    await client.invoke('uploads.chunk', { uploadId, offset, dataBase64: bytes.subarray(offset, offset + chunkBytes).toString('base64') });
  }
  return uploadId;
}

async function addEvidence(client: InProcessClient, bytes: Buffer, description = '') {
  const uploadId = await upload(client, bytes);
  return client.invoke('evidence.add', { investigationId, uploadId, mediaType: 'image/png', description });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('evidence', () => {
  it('records the sha256 and size at import and gives the same bytes back', async () => {
    // Over two chunks and not a multiple of the chunk size, so re-chunking and batching both run.
    const bytes = randomBytes(2 * 1024 * 1024 + 12_345);
    const item = await addEvidence(analyst, bytes, 'Profile page capture');
    expect(item).toMatchObject({ investigationId, fileName: 'screenshot.png', mediaType: 'image/png', size: bytes.length, sha256: sha256(bytes) });
    expect(item.addedBy?.username).toBe('ann');
    const viewed = await analyst.invoke('evidence.view', { evidenceId: item.id });
    expect(Buffer.from(viewed.dataBase64, 'base64').equals(bytes)).toBe(true);
    const listed = await analyst.invoke('evidence.list', { investigationId });
    expect(listed.map((e) => e.id)).toContain(item.id);
  });

  it('keeps the custody trail in order: imported, viewed, exported, verified', async () => {
    const item = await addEvidence(analyst, Buffer.from('chat log export'));
    vault.clock.advance(1000);
    await analyst.invoke('evidence.view', { evidenceId: item.id });
    vault.clock.advance(1000);
    await senior.invoke('evidence.export', { evidenceId: item.id });
    vault.clock.advance(1000);
    expect(await analyst.invoke('evidence.verify', { evidenceId: item.id })).toEqual({ evidenceId: item.id, ok: true, expected: item.sha256, actual: item.sha256 });
    const [listed] = (await analyst.invoke('evidence.list', { investigationId })).filter((e) => e.id === item.id);
    expect(listed?.custody.map((c) => [c.event, c.by?.username])).toEqual([['imported', 'ann'], ['viewed', 'ann'], ['exported', 'sam'], ['verified', 'ann']]);
    expect(listed?.custody.map((c) => c.at)).toEqual([...(listed?.custody.map((c) => c.at) ?? [])].sort((a, b) => a - b));
  });

  it('detects a byte changed directly in the stored chunks, and records the failure', async () => {
    const bytes = randomBytes(5000);
    const item = await addEvidence(analyst, bytes);
    const db = vaultDb(vault);
    // The table refuses updates; someone editing the vault file would not ask it.
    expect(() => db.prepare('UPDATE evidence_blobs SET bytes = ? WHERE evidence_id = ?').run(Buffer.alloc(5000), item.id)).toThrow(/append-only/);
    db.exec('DROP TRIGGER evidence_blobs_no_update');
    try {
      const tampered = Buffer.from(bytes);
      tampered[1234] = (tampered[1234] ?? 0) ^ 0x01;
      db.prepare('UPDATE evidence_blobs SET bytes = ? WHERE evidence_id = ? AND seq = 0').run(tampered, item.id);
    } finally {
      db.exec(`CREATE TRIGGER evidence_blobs_no_update BEFORE UPDATE ON evidence_blobs BEGIN SELECT RAISE(ABORT, 'evidence bytes are append-only'); END`);
    }
    const result = await analyst.invoke('evidence.verify', { evidenceId: item.id });
    expect(result.ok).toBe(false);
    expect(result.expected).toBe(sha256(bytes));
    expect(result.actual).not.toBe(result.expected);
    const [listed] = (await analyst.invoke('evidence.list', { investigationId })).filter((e) => e.id === item.id);
    expect(listed?.custody.map((c) => c.event)).toEqual(['imported', 'verify_failed']);
  });

  it('refuses evidence for a closed investigation', async () => {
    const closed = insertInvestigation(vaultDb(vault), { status: 'closed' });
    const uploadId = await upload(analyst, Buffer.from('late file'));
    const error = await vigilErrorOf(analyst.invoke('evidence.add', { investigationId: closed, uploadId, mediaType: 'text/plain' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/closed/);
  });

  it('refuses a file whose investigation was closed while it streamed in, and keeps none of its chunks', async () => {
    const caseId = insertInvestigation(vaultDb(vault));
    const repos = vault.core.services.custody.vault.repositories;
    const chunk = randomBytes(256 * 1024);
    const closingMidway = (async function* () {
      yield chunk;
      vaultDb(vault).prepare("UPDATE investigations SET status = 'closed', resolution = 'duplicate', closed_at = 1 WHERE id = ?").run(caseId);
      yield chunk;
    })();
    const error = await vigilErrorOf(repos.evidence.add(
      { investigationId: caseId, fileName: 'late.bin', mediaType: 'application/octet-stream', description: '', addedBy: 'x', size: chunk.length * 2 },
      closingMidway,
    ));
    expect(error.code).toBe('CONFLICT');
    expect(repos.evidence.list(caseId)).toEqual([]);
    expect(vaultDb(vault).prepare('SELECT count(*) AS n FROM evidence_blobs WHERE evidence_id NOT IN (SELECT id FROM evidence)').get()).toEqual({ n: 0 });
  });

  it('refuses a file over the size cap with a clear message, before reading it', async () => {
    const repos = vault.core.services.custody.vault.repositories;
    const nothing = (async function* () { /* never read */ })();
    const error = await vigilErrorOf(repos.evidence.add(
      { investigationId, fileName: 'huge.bin', mediaType: 'application/octet-stream', description: '', addedBy: 'x', size: MAX_EVIDENCE_BYTES + 1 },
      nothing,
    ));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/at most 200 MiB/);
  });

  it('lets only export_data holders export, and masks PII in descriptions for an analyst', async () => {
    const item = await addEvidence(senior, Buffer.from('x'), 'Sent by victim.person@example.com');
    expect(await errorCodeOf(analyst.invoke('evidence.export', { evidenceId: item.id }))).toBe('FORBIDDEN');
    const [asAnalyst] = (await analyst.invoke('evidence.list', { investigationId })).filter((e) => e.id === item.id);
    expect(asAnalyst?.description).toBe('Sent by v***@example.com');
    const [asSenior] = (await senior.invoke('evidence.list', { investigationId })).filter((e) => e.id === item.id);
    expect(asSenior?.description).toBe('Sent by victim.person@example.com');
  });

  it('audits views with the evidence id', async () => {
    const item = await addEvidence(analyst, Buffer.from('audit me'));
    await analyst.invoke('evidence.view', { evidenceId: item.id });
    const rows = vaultDb(vault).prepare(`SELECT action, target, outcome FROM audit_log WHERE action = 'evidence.view' AND target = ?`).all(item.id);
    expect(rows).toEqual([{ action: 'evidence.view', target: item.id, outcome: 'success' }]);
  });
});

describe('evidence at rest', () => {
  it('never writes an evidence canary to any file under the data directory', async () => {
    const canary = 'EVIDENCE-CANARY-51c2e0-heron-walrus';
    const bytes = Buffer.from(`${canary}\n`.repeat(20_000));
    await addEvidence(analyst, bytes, canary);
    expect(filesContaining(vault.dir, canary)).toEqual([]);
    // Closed, the WAL is checkpointed into the main file: still ciphertext only.
    vault.restart();
    expect(filesContaining(vault.dir, canary)).toEqual([]);
  });
});
