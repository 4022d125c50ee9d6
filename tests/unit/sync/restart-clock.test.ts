// The vault's clock after a restart (docs/SYNC.md, "Applying a pull", "The clock"): a vault that pulled
// stamps from another device's clock, ahead of its own, and then restarted with its wall clock set
// back, still stamps its next edit after what it pulled, so the edit wins by HLC as the user expects.
import { afterEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src-main/store/hlc';
import { applyPull } from '../../../src-main/sync/apply-pull';
import { readOutbox } from '../../../src-main/sync/outbox';
import { readSyncState } from '../../../src-main/sync/sync-state';
import { ADMIN, type TestVault } from '../support/test-core';
import { signedInVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

const REMOTE = 'ffffffff-0000-7000-8000-00000000000f';
const HOUR = 3_600_000;

describe('the vault clock after a restart', () => {
  it('orders a local edit after a pulled stamp even when the wall clock went back across the restart', async () => {
    const v = await signedInVault(vaults);
    const created = await v.cli.invoke('investigations.create', { title: 'Card testing' });
    const start = v.vault.clock.now();
    // Another device, its clock an hour ahead, renamed the case; the page is applied without the
    // session's clock told (as after a crash between the page and the next edit).
    const pulledHlc = formatHlc({ wallMs: start + HOUR, counter: 0 });
    applyPull(v.db(), [{ record: { table: 'investigations', id: created.id, seq: 1, fields: { title: { value: 'Card testing ring', hlc: pulledHlc, device: REMOTE } }, deleted: null } }], 1);

    v.vault.restart();
    v.vault.clock.set(start - HOUR);
    const cli = v.vault.client('cli');
    await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await cli.invoke('investigations.update', { investigationId: created.id, title: 'Card testing (merchant)' });

    const edit = readOutbox(v.db(), readSyncState(v.db()).pushedSeq).changes.filter((c) => c.table === 'investigations' && c.fields.title).at(-1);
    expect(edit?.fields.title?.value).toBe('Card testing (merchant)');
    expect((edit?.fields.title?.hlc ?? '') > pulledHlc).toBe(true);
    expect(edit?.fields.title?.base).toBe(pulledHlc);
  });
});
