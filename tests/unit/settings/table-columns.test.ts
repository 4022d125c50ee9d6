// Each user's columns (hidden ones, widths) are kept per table and per user, and survive a new session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, USER_PASSWORD, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

let vault: TestVault;
let admin: InProcessClient;
let ann: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  ann = await addUser(vault, admin, 'ann', 'analyst');
});
afterAll(() => vault.dispose());

describe('table columns', () => {
  it('start with nothing hidden and default widths', async () => {
    expect(await ann.invoke('tableColumns.get', { table: 'triage' })).toEqual({ hidden: [], widths: {} });
  });

  it('are kept per user and per table, and come back in a new session', async () => {
    const columns = { hidden: ['entity', 'count'], widths: { title: 420, source: 180 } };
    expect(await ann.invoke('tableColumns.save', { table: 'triage', columns })).toEqual(columns);
    expect(await admin.invoke('tableColumns.get', { table: 'triage' })).toEqual({ hidden: [], widths: {} });
    expect(await ann.invoke('tableColumns.get', { table: 'investigations' })).toEqual({ hidden: [], widths: {} });
    await ann.invoke('auth.logout', {});
    await ann.invoke('auth.login', { username: 'ann', password: USER_PASSWORD });
    expect(await ann.invoke('tableColumns.get', { table: 'triage' })).toEqual(columns);
  });

  it('refuse widths out of bounds and unknown tables', async () => {
    expect(await errorCodeOf(ann.invoke('tableColumns.save', { table: 'triage', columns: { hidden: [], widths: { title: 5 } } }))).toBe('VALIDATION');
    // @ts-expect-error: not a table with columns to choose
    expect(await errorCodeOf(ann.invoke('tableColumns.get', { table: 'users' }))).toBe('VALIDATION');
  });
});
