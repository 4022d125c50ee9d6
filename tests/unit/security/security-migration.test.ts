// Schema v27 on a vault that already has history: the monitor starts watching at the log's head (old
// rows would flood the queue with old incidents), and a full rescan on request judges them.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import { migrate } from '../../../src-main/store/migrate';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { createRowContext } from '../../../src-main/store/row-context';
import { AuditLog } from '../../../src-main/audit/audit-log';
import { IncidentRepository } from '../../../src-main/security/incident-repository';
import { makeSecurityVault, MINUTE, person, START, type SecurityVault } from './security-support';

let dir = '';
let db: SqliteDatabase | null = null;
let sv: SecurityVault | null = null;
afterEach(async () => {
  db?.close();
  db = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  await sv?.vault.dispose();
  sv = null;
});

describe('schema v27', () => {
  it('starts the monitor at the head of a log written before it', () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-migrate-027-'));
    db = openDatabase(join(dir, 'v.db'), { key: randomBytes(32) });
    migrate(db, MIGRATIONS.filter((m) => m.version <= 26));
    const audit = new AuditLog(db, createRowContext(db, () => START));
    for (let i = 0; i < 6; i += 1) audit.append({ actor: { id: null, name: null }, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE });
    migrate(db, MIGRATIONS);
    const incidents = new IncidentRepository(db);
    expect(incidents.scannedSeq()).toBe(6);
    expect(incidents.verifiedHead()).toBeNull();
  });

  it('judges the history before the cursor on a full rescan only', async () => {
    sv = await makeSecurityVault();
    const ann = person('ann');
    for (let i = 0; i < 5; i += 1) sv.log({ actor: ann, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE });
    // As an upgraded vault: the cursor already past these rows.
    const repos = sv.repos();
    repos.db.transaction(() => repos.securityIncidents.markScanned(repos.audit.currentHead()?.seq ?? 0))();
    await sv.admin.invoke('security.scan', {});
    expect(sv.incidents()).toEqual([]);
    const outcome = await sv.admin.invoke('security.scan', { full: true });
    expect(outcome).toMatchObject({ opened: 1, chain: 'verified' });
    expect(sv.incidents('signin_failures_user')).toMatchObject([{ subject: { id: ann.id }, evidenceCount: 5 }]);
  });
});
