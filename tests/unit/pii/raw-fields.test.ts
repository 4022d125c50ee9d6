// A source row's columns that no mapping names hold whatever the source exported — names, street
// addresses — which no pattern recognises: a masked role sees the column names, the values the
// alert itself shows, and digits-only values through the mask; everything else is hidden.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { HIDDEN_RAW_VALUE } from '../../../src-main/alerts/alert-queries';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;
let alertId = '';

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  const cli = vault.client('cli');
  await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const csv = join(vault.dir, 'rows.csv');
  writeFileSync(csv, 'id,time,title,severity,customer,street,callback,attempts\nr1,2026-11-30T10:00:00Z,Payout change,high,Alice Marguerite Smith,14 Long Street,555-123-4567,1250\n');
  await cli.invoke('alerts.importFile', { path: csv, source: 'payments' });
  alertId = (await admin.invoke('alerts.list', { limit: 1 })).rows[0]?.id ?? '';
});
afterAll(() => vault.dispose());

describe('raw source fields', () => {
  it('are shown whole to a role with access to personal data', async () => {
    const raw = (await admin.invoke('alerts.get', { alertId })).raw;
    expect(raw).toMatchObject({ customer: 'Alice Marguerite Smith', street: '14 Long Street', callback: '555-123-4567' });
  });

  it('hide names and addresses from a masked role, show what the alert shows, and mask numbers that may be phones', async () => {
    const raw = (await analyst.invoke('alerts.get', { alertId })).raw;
    expect(raw).toMatchObject({
      customer: HIDDEN_RAW_VALUE, street: HIDDEN_RAW_VALUE, title: 'Payout change', severity: 'high',
      time: '2026-11-30T10:00:00Z', attempts: '1250', callback: '********67',
    });
    expect(Object.keys(raw ?? {})).toEqual(['id', 'time', 'title', 'severity', 'customer', 'street', 'callback', 'attempts']);
  });
});
