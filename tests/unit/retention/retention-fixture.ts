// A vault with what retention acts on, written at T0: investigation X (closed, with notes, findings,
// tasks, evidence and an action, holding alerts a1 and a2), Y (closed, holding a3), Z (open, holding
// a4), dismissed alerts d1 and d2 (with a comment) and a new alert n1. Every free text carries SECRET,
// so a test can tell that no removed content is left behind (audit rows included).
import { AlertWriter, type NewAlert } from '../../../src-main/alerts/alert-writer';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

export const SECRET = 'SECRET-7f3a';
export const DAY = 86_400_000;

export interface RetentionVault {
  vault: TestVault;
  db: SqliteDatabase;
  ids: Record<'a1' | 'a2' | 'a3' | 'a4' | 'd1' | 'd2' | 'n1', string>;
  inv: Record<'x' | 'y' | 'z', string>;
  evidenceId: string;
  /** Moves the clock `days` on from T0 and signs the administrator in again (the old sessions expired). */
  at(days: number): Promise<InProcessClient>;
}

function alert(name: string, entity: string, t0: number): NewAlert {
  const account = { kind: 'account' as const, value: entity, origin: 'mapped' as const };
  return {
    source: 'reports', externalId: name, rule: `rule-${name}`, title: `${name} ${SECRET}`, description: `about ${entity} ${SECRET}`,
    severity: 'high', occurredAt: t0, entities: [account, { kind: 'email', value: `${name}@example.com`, origin: 'extracted' }],
    primaryEntity: account, importId: null, raw: null,
  };
}

export async function retentionVault(): Promise<RetentionVault> {
  const vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  const t0 = vault.clock.now();
  const repos = vault.core.services.custody.vault.repositories;
  const writer = new AlertWriter(repos.db, repos.row);
  // a1 and a4 share an account: after X goes, the account stays (a4 still links it) with one alert fewer.
  const entityOf = { a1: 'acct-shared', a2: 'acct-x', a3: 'acct-y', a4: 'acct-shared', d1: 'acct-d1', d2: 'acct-d2', n1: 'acct-n1' } as const;
  repos.db.transaction(() => {
    for (const [name, entity] of Object.entries(entityOf)) writer.write(alert(name, entity, t0));
    writer.flush();
  })();
  const idOf = (name: string) => repos.db.prepare<[string], string>('SELECT id FROM alerts WHERE external_id = ?').pluck().get(name) ?? '';
  const ids = Object.fromEntries(Object.keys(entityOf).map((name) => [name, idOf(name)])) as RetentionVault['ids'];

  const promote = async (alertIds: string[], title: string) =>
    (await admin.invoke('alerts.promote', { selection: { ids: alertIds }, investigation: { title, summary: `summary ${SECRET}`, tags: ['secret'] } })).id;
  const x = await promote([ids.a1, ids.a2], `X ${SECRET}`);
  const y = await promote([ids.a3], `Y ${SECRET}`);
  const z = await promote([ids.a4], `Z ${SECRET}`);
  await admin.invoke('notes.add', { investigationId: x, body: `note ${SECRET}` });
  await admin.invoke('findings.add', { investigationId: x, title: `finding ${SECRET}`, body: SECRET });
  await admin.invoke('tasks.add', { investigationId: x, title: `task ${SECRET}` });
  const bytes = Buffer.from(`evidence bytes ${SECRET}`);
  const { uploadId } = await admin.invoke('uploads.begin', { fileName: `capture-${SECRET}.png`, size: bytes.length });
  await admin.invoke('uploads.chunk', { uploadId, offset: 0, dataBase64: bytes.toString('base64') });
  const evidence = await admin.invoke('evidence.add', { investigationId: x, uploadId, mediaType: 'image/png', description: `evidence ${SECRET}` });
  const target = repos.db.prepare<[], string>("SELECT id FROM entities WHERE value = 'acct-x'").pluck().get() ?? '';
  await admin.invoke('actions.propose', { investigationId: x, kind: 'warn_user', targetEntityIds: [target], reason: `reason ${SECRET}` });
  for (const id of [x, y]) await admin.invoke('investigations.setStatus', { investigationId: id, status: 'closed', resolution: 'actioned', reason: `closed ${SECRET}` });
  await admin.invoke('alerts.bulk', { selection: { ids: [ids.d1, ids.d2] }, action: { kind: 'dismiss', reason: 'false_positive', comment: `comment ${SECRET}` } });

  return {
    vault, db: repos.db, ids, inv: { x, y, z }, evidenceId: evidence.id,
    async at(days) {
      vault.clock.set(t0 + days * DAY);
      const client = vault.client();
      await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
      return client;
    },
  };
}
