import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { entityWeight, similarityReason } from '../../../src-main/alerts/similar-alerts';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

let vault: TestVault;
let cli: InProcessClient;
let analyst: InProcessClient;

// a-1 shares account and ip with a-2 (two entities), only the busy domain with a-3…a-9.
const ROWS = [
  'alert_id,timestamp,rule,title,severity,user,src_ip,domain',
  'a-1,2026-05-01T09:00:00Z,ato,Login from new device,high,u-1,198.51.100.7,mail.example',
  'a-2,2026-05-01T10:00:00Z,ato,Password reset,medium,u-1,198.51.100.7,mail.example',
  ...[3, 4, 5, 6, 7, 8, 9].map((i) => `a-${i},2026-05-0${(i % 8) + 1}T11:00:00Z,spam,Spam ${i},low,u-${i},203.0.113.${i},mail.example`),
];

beforeAll(async () => {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  cli = vault.client('cli');
  await cli.invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
  const file = join(vault.dir, 'a.csv');
  writeFileSync(file, `${ROWS.join('\n')}\n`);
  await cli.invoke('alerts.importFile', { path: file, source: 'reports' });
});
afterAll(() => vault.dispose());

async function idOf(externalTitle: string): Promise<string> {
  const page = await cli.invoke('alerts.list', { text: externalTitle, limit: 5 });
  const id = page.rows[0]?.id;
  if (!id) throw new Error(`no alert "${externalTitle}"`);
  return id;
}

describe('similar alerts', () => {
  it('ranks the alert sharing rare entities first and says why', async () => {
    const similar = await cli.invoke('alerts.similar', { alertId: await idOf('new device') });
    expect(similar[0]?.alert.title).toBe('Password reset');
    expect(similar[0]?.shared.map((e) => e.kind).sort()).toEqual(['account', 'domain', 'ip']);
    expect(similar[0]?.reason).toMatch(/^shares 3 entities: /);
    expect(similar.length).toBe(8);
    expect(similar.slice(1).every((s) => s.shared.length === 1 && s.shared[0]?.kind === 'domain')).toBe(true);
  });

  it('masks shared PII for an analyst, in the reason too', async () => {
    const similar = await analyst.invoke('alerts.similar', { alertId: await idOf('new device') });
    const ip = similar[0]?.shared.find((e) => e.kind === 'ip');
    expect(ip).toMatchObject({ value: '198.51.100.x', masked: true });
    expect(similar[0]?.reason).not.toContain('198.51.100.7');
  });

  it('weighs rare entities above common ones', () => {
    expect(entityWeight(2)).toBeGreaterThan(entityWeight(2000));
    expect(similarityReason([{ kind: 'ip', value: '1' }, { kind: 'a', value: '2' }, { kind: 'b', value: '3' }, { kind: 'c', value: '4' }]))
      .toBe('shares 4 entities: ip 1, a 2, b 3 and 1 more');
  });

  it('counts exactly the alerts a filter matches', async () => {
    expect((await cli.invoke('alerts.count', {})).count).toBe(9);
    expect((await cli.invoke('alerts.count', { severity: ['high', 'medium'] })).count).toBe(2);
    expect((await cli.invoke('alerts.count', { text: 'spam' })).count).toBe(7);
  });
});
