import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runVigilServer, type ServerIo } from '../../../../src-server/main';
import { openServerDb } from '../../../../src-server/db/open';
import { enrolDevice } from '../../../../src-server/auth/enrolment';
import { authenticate, issueAccessToken } from '../../../../src-server/auth/access-tokens';
import { receiveAuditRows } from '../../../../src-server/sync/audit-rows';
import { chainHash, GENESIS_HASH } from '../../../../src-main/audit/audit-chain';
import type { PushedAuditRow } from '../../../../src-shared/sync-protocol';

// The admin commands work on the database directly; the services under them are tested on both
// dialects, so these run on SQLite (`--data DIR`) only.
describe('vigil-server admin commands', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-server-cli-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: ServerIo = { env: {}, stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) } };
    const code = await runVigilServer([...argv, '--data', dataDir], io);
    return { code, out, err };
  }

  it('creates an organisation and a member, prints an enrolment token once, lists and revokes the enrolled device', async () => {
    const org = await run('org', 'create', 'Acme', 'Security', '--json');
    expect(org.code).toBe(0);
    const { id: orgId } = JSON.parse(org.out) as { id: string };
    expect(JSON.parse(org.out)).toMatchObject({ name: 'Acme Security' });

    const member = await run('member', 'add', '--org', 'Acme Security', '--name', 'Ana', '--role', 'analyst');
    expect(member.code).toBe(0);
    expect(member.out).toMatch(/Member "Ana" \(analyst\) added to Acme Security/);

    const issued = await run('enrol-token', '--org', orgId, '--member', 'Ana');
    expect(issued.code).toBe(0);
    const token = issued.out.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const opened = await openServerDb({ kind: 'sqlite', dataDir });
    const now = Date.now();
    const { credential } = await enrolDevice(opened.db, { token, deviceId: 'dev-1', deviceName: 'Laptop' }, now);
    const { accessToken } = await issueAccessToken(opened.db, { deviceId: 'dev-1', credential }, now);
    await opened.close();

    const devices = await run('devices', '--org', 'Acme Security', '--json');
    expect(JSON.parse(devices.out)).toEqual([expect.objectContaining({ id: 'dev-1', name: 'Laptop', memberName: 'Ana', revokedAt: null })]);
    expect((await run('devices', '--org', 'Acme Security')).out).toMatch(/^dev-1 {2}Laptop {2}Ana .* active$/m);

    const revoked = await run('revoke', 'dev-1');
    expect(revoked.code).toBe(0);
    const reopened = await openServerDb({ kind: 'sqlite', dataDir });
    await expect(authenticate(reopened.db, accessToken, Date.now())).rejects.toMatchObject({ code: 'DEVICE_REVOKED' });
    await reopened.close();
  });

  it('prints a device\'s audit rows as the server holds them, from a row on, and whether each still checks', async () => {
    const { id: orgId } = JSON.parse((await run('org', 'create', 'Acme', '--json')).out) as { id: string };
    await run('member', 'add', '--org', orgId, '--name', 'Ana', '--role', 'analyst');
    const token = (await run('enrol-token', '--org', orgId, '--member', 'Ana')).out.trim().split('\n').at(-1) ?? '';
    const opened = await openServerDb({ kind: 'sqlite', dataDir });
    const device = await enrolDevice(opened.db, { token, deviceId: 'dev-1', deviceName: 'Laptop' }, Date.now());
    const rows: PushedAuditRow[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq += 1) {
      const fields = { seq, id: `e-${seq}`, at: Date.UTC(2026, 11, 6, 10, seq), actorId: 'u-1', actorName: 'Ana', action: 'alerts.verdict', target: `alert-${seq}`, outcome: 'success' as const, details: '{}', originDevice: 'dev-1' };
      const hash = chainHash(prevHash, fields);
      rows.push({ ...fields, prevHash, hash });
      prevHash = hash;
    }
    await receiveAuditRows(opened.db, { orgId, deviceId: 'dev-1', memberId: device.memberId, role: 'analyst' }, rows, Date.now());
    await opened.close();

    const printed = await run('audit-rows', 'dev-1');
    expect(printed.code).toBe(0);
    expect(printed.out.trim().split('\n')).toEqual([1, 2, 3].map((seq) => `${seq}  2026-12-06T10:0${seq}:00.000Z  Ana  alerts.verdict  alert-${seq}  success  chained`));
    const after = await run('audit-rows', 'dev-1', '2', '--json');
    expect(JSON.parse(after.out)).toEqual({ heldSeq: 3, rows: [expect.objectContaining({ seq: 3, hash: rows[2]?.hash, chained: true })] });
    expect((await run('audit-rows', 'no-such-device')).code).toBe(1);

    // A fourth row edited without its chain: refused, and the device list says at which row and why.
    const reopened = await openServerDb({ kind: 'sqlite', dataDir });
    const fourth = { seq: 4, id: 'e-4', at: Date.UTC(2026, 11, 6, 10, 4), actorId: 'u-1', actorName: 'Ana', action: 'alerts.verdict', target: 'alert-4', outcome: 'success' as const, details: '{}', originDevice: 'dev-1' };
    const refused = { ...fourth, details: '{"edited":true}', prevHash, hash: chainHash(prevHash, fourth) };
    expect(await receiveAuditRows(reopened.db, { orgId, deviceId: 'dev-1', memberId: device.memberId, role: 'analyst' }, [refused], Date.UTC(2026, 11, 6, 11))).toEqual({ heldSeq: 3, mismatch: { seq: 4, reason: 'broken' } });
    await reopened.close();
    expect((await run('devices', '--org', orgId)).out).toMatch(/AUDIT MISMATCH 2026-12-06T11:00:00\.000Z at row 4 \(broken\)/);
    expect((await run('audit-rows', 'dev-1', 'ten')).code).toBe(2);
  });

  it('answers a wrong command line with usage (exit 2) and a failed command with its reason (exit 1)', async () => {
    const noDb = await runVigilServer(['devices', '--org', 'x'], { env: {}, stdout: { write: () => true }, stderr: { write: () => true } });
    expect(noDb).toBe(2);
    expect((await run('org', 'create', 'Acme')).code).toBe(0);
    const role = await run('member', 'add', '--org', 'Acme', '--name', 'Eve', '--role', 'overlord');
    expect(role.code).toBe(2);
    expect(role.err).toContain('--role must be one of: viewer, analyst');
    const unknownOrg = await run('devices', '--org', 'Nobody');
    expect(unknownOrg.code).toBe(1);
    expect(unknownOrg.err).toContain('No organisation "Nobody"');
    const twice = await run('org', 'create', 'Acme');
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('already exists');
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('revoke', 'no-such-device')).code).toBe(1);
  });

  it('refuses to serve on a non-loopback address without TLS', async () => {
    const refused = await run('--host', '0.0.0.0', '--port', '0');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('without TLS');
  });
});
