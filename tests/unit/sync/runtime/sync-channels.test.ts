// The sync channels end to end: two vaults enrolled through `sync.enrol` with a real server, a case
// moving across on `sync.syncNow`, a concurrent title edit listed by `sync.conflicts.list` in both,
// and resolving it in one (`sync.conflicts.resolve`) making the other agree after both sync.
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/support/server-dbs';
import { signedInVault, type SyncVault } from '../support/sync-vaults';
import { SyncHarness } from './sync-harness';

const MINUTE = 60_000;

describe.each(DIALECTS)('the sync channels against a real server on %s', (dialect) => {
  let harness: SyncHarness;
  afterEach(async () => harness.close());

  async function enrolled(name: string): Promise<SyncVault> {
    const v = await signedInVault(harness.vaults);
    const enrolment = await v.cli.invoke('sync.enrol', { serverUrl: harness.serverUrl, token: await harness.enrolToken(name), deviceName: `${name}'s laptop` });
    expect(enrolment.serverUrl).toBe(harness.serverUrl);
    return v;
  }

  it('enrols two vaults, syncs a case, lists a concurrent edit as a conflict in both, and a resolution in one reaches the other', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await enrolled('Ana');
    const b = await enrolled('Ben');
    expect(await a.cli.invoke('sync.status', {})).toMatchObject({ state: 'off', pendingChanges: 0 });

    const created = await a.cli.invoke('investigations.create', { title: 'Card testing' });
    await a.cli.invoke('notes.add', { investigationId: created.id, body: 'Three accounts share one device' });
    expect((await a.cli.invoke('sync.status', {})).pendingChanges).toBeGreaterThan(0);
    a.vault.clock.advance(MINUTE);
    expect(await a.cli.invoke('sync.syncNow', {})).toMatchObject({ state: 'idle', pendingChanges: 0 });
    expect((await b.cli.invoke('sync.syncNow', {})).state).toBe('idle');
    expect((await b.cli.invoke('investigations.get', { investigationId: created.id })).title).toBe('Card testing');
    expect((await b.cli.invoke('notes.list', { investigationId: created.id })).map((n) => n.body)).toEqual(['Three accounts share one device']);

    for (const [v, title] of [[a, 'Card testing ring'], [b, 'Card testing (merchant)']] as const) {
      v.vault.clock.advance(MINUTE);
      await v.cli.invoke('investigations.update', { investigationId: created.id, title });
    }
    for (const v of [a, b, a]) {
      v.vault.clock.advance(MINUTE);
      await v.cli.invoke('sync.syncNow', {});
    }
    const listed = await Promise.all([a, b].map((v) => v.cli.invoke('sync.conflicts.list', {})));
    for (const conflicts of listed) {
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ kind: 'text_edit', recordTable: 'investigations', recordId: created.id, field: 'title' });
      expect(conflicts[0]?.sides.map((side) => side.value).sort()).toEqual(['Card testing (merchant)', 'Card testing ring']);
    }

    // B keeps the side that lost by stamp, so the resolution must travel as a new edit.
    const winner = (await b.cli.invoke('investigations.get', { investigationId: created.id })).title;
    const conflict = listed[1]?.[0];
    if (!conflict) throw new Error('no conflict');
    const choice = conflict.sides[0]?.value === winner ? 'incoming' : 'held';
    const chosen = conflict.sides[choice === 'held' ? 0 : 1]?.value;
    expect(chosen).not.toBe(winner);
    await b.cli.invoke('sync.conflicts.resolve', { id: conflict.id, choice });
    expect(await b.cli.invoke('sync.conflicts.list', {})).toEqual([]);
    await expect(b.cli.invoke('sync.conflicts.resolve', { id: conflict.id, choice })).rejects.toMatchObject({ code: 'CONFLICT' });

    b.vault.clock.advance(MINUTE);
    a.vault.clock.advance(MINUTE);
    expect(await b.cli.invoke('sync.syncNow', {})).toMatchObject({ state: 'idle', pendingChanges: 0 });
    await a.cli.invoke('sync.syncNow', {});
    expect((await a.cli.invoke('investigations.get', { investigationId: created.id })).title).toBe(chosen);
    expect(await a.cli.invoke('sync.conflicts.list', {})).toEqual([]);
  });

  it('refuses a plain-HTTP server off this machine and a used token, and disconnecting forgets the server', async () => {
    harness = await SyncHarness.open(dialect);
    const v = await signedInVault(harness.vaults);
    const token = await harness.enrolToken('Ana');
    await expect(v.cli.invoke('sync.enrol', { serverUrl: 'http://sync.example.org', token, deviceName: 'Laptop' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await v.cli.invoke('sync.enrol', { serverUrl: harness.serverUrl, token, deviceName: 'Laptop' });
    await v.cli.invoke('sync.disconnect', {});
    expect((await v.cli.invoke('sync.status', {})).state).toBe('off');
    await expect(v.cli.invoke('sync.syncNow', {})).rejects.toMatchObject({ code: 'CONFLICT' });
    const reused = await v.cli.invoke('sync.enrol', { serverUrl: harness.serverUrl, token, deviceName: 'Laptop' }).catch((error: unknown) => error);
    expect(reused).toMatchObject({ code: 'VALIDATION', details: { code: 'ENROL_TOKEN_INVALID' } });
  });
});
