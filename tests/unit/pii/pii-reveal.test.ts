import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;
let viewer: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  await admin.invoke('demo.generate', { alerts: 500, seed: 3, days: 10 });
  // The reveal's 15 minutes pass on the test clock; the sessions must not idle-lock meanwhile.
  await admin.invoke('system.updateSettings', { idleLockSeconds: 24 * 3600, sessionLifetimeHours: 12 });
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  viewer = await addUser(vault, admin, 'vic', 'viewer');
});
afterAll(() => vault.dispose());

async function firstAccountAlert(client: InProcessClient) {
  const page = await client.invoke('alerts.list', { limit: 200 });
  const row = page.rows.find((r) => r.primaryEntity?.kind === 'account' || r.primaryEntity?.kind === 'email');
  if (!row) throw new Error('demo data has no account alert');
  const detail = await client.invoke('alerts.get', { alertId: row.id });
  const entity = detail.entities.find((e) => e.kind === row.primaryEntity?.kind);
  if (!entity) throw new Error('no primary entity');
  return { row, entity };
}

describe('revealing a masked value', () => {
  it('shows an analyst the real value of one entity for 15 minutes, then masks it again', async () => {
    const { row, entity } = await firstAccountAlert(analyst);
    expect(entity.masked).toBe(true);
    const real = (await admin.invoke('alerts.get', { alertId: row.id })).entities.find((e) => e.id === entity.id);
    expect(real?.masked).toBe(false);
    expect(entity.value).not.toBe(real?.value);

    const reveal = await analyst.invoke('pii.reveal', { entityId: entity.id, purpose: 'Checking the account named in a user report' });
    expect(reveal.value).toBe(real?.value);
    const revealed = (await analyst.invoke('alerts.get', { alertId: row.id })).entities.find((e) => e.id === entity.id);
    expect(revealed).toMatchObject({ value: real?.value, masked: false });
    expect((await analyst.invoke('pii.reveals', {})).map((r) => r.entityId)).toEqual([entity.id]);

    vault.clock.advance(15 * 60 * 1000 + 1);
    const again = (await analyst.invoke('alerts.get', { alertId: row.id })).entities.find((e) => e.id === entity.id);
    expect(again?.masked).toBe(true);
    expect(await analyst.invoke('pii.reveals', {})).toEqual([]);
  });

  it('audits every reveal with its purpose but never the value', async () => {
    const { entity } = await firstAccountAlert(analyst);
    const purpose = 'Case INV-2026-0001: confirming the payout account';
    const reveal = await analyst.invoke('pii.reveal', { entityId: entity.id, purpose });
    const audit = await admin.invoke('audit.list', { action: 'pii.reveal', limit: 10 });
    const entry = audit.entries.find((e) => e.target === entity.id);
    expect(entry?.details).toMatchObject({ purpose, kind: entity.kind });
    expect(JSON.stringify(audit.entries)).not.toContain(reveal.value);
  });

  it('ends every reveal when the user signs out', async () => {
    const { entity } = await firstAccountAlert(analyst);
    await analyst.invoke('pii.reveal', { entityId: entity.id, purpose: 'Checking before signing out' });
    expect(await analyst.invoke('pii.reveals', {})).toHaveLength(1);
    await analyst.invoke('auth.logout', {});
    await analyst.invoke('auth.login', { username: 'ann', password: 'plenty long passphrase' });
    expect(await analyst.invoke('pii.reveals', {})).toEqual([]);
    const again = (await analyst.invoke('alerts.get', { alertId: (await firstAccountAlert(analyst)).row.id })).entities.find((e) => e.id === entity.id);
    expect(again?.masked).toBe(true);
  });

  it('refuses a reveal without a real purpose, and refuses viewers', async () => {
    const { entity } = await firstAccountAlert(analyst);
    expect(await errorCodeOf(analyst.invoke('pii.reveal', { entityId: entity.id, purpose: 'because' }))).toBe('VALIDATION');
    expect(await errorCodeOf(viewer.invoke('pii.reveal', { entityId: entity.id, purpose: 'I would like to see it please' }))).toBe('FORBIDDEN');
  });
});
