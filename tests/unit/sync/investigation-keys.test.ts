// Two vaults that open a case offline number it alike (INV-YYYY-0001 on both). A pull must hold both:
// the case created first keeps the key and the other shows it set apart, the same on every vault
// whichever it pulled first, and the next case opened anywhere gets a number of its own.
import { afterEach, describe, expect, it } from 'vitest';
import type { PullItem } from '../../../src-shared/sync-protocol';
import { applyPull } from '../../../src-main/sync/apply-pull';
import { keySetApart } from '../../../src-main/sync/investigation-keys';
import type { TestVault } from '../support/test-core';
import { FieldServer, pullAll, pushAll } from './support/field-server';
import { signedInVault, type SyncVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

const MINUTE = 60_000;
const keysOf = (v: SyncVault) => Object.fromEntries((v.db().prepare('SELECT id, key FROM investigations').all() as { id: string; key: string }[]).map((row) => [row.id, row.key]));

/** Ana opens a case, then Ben opens one a minute later, each offline: both are numbered 0001. */
async function twoCasesNumberedAlike(): Promise<{ ana: SyncVault; ben: SyncVault; first: { id: string; key: string }; second: { id: string; key: string } }> {
  const ana = await signedInVault(vaults);
  const ben = await signedInVault(vaults);
  ana.vault.clock.advance(MINUTE);
  ben.vault.clock.advance(2 * MINUTE);
  const first = await ana.cli.invoke('investigations.create', { title: 'Card testing ring' });
  const second = await ben.cli.invoke('investigations.create', { title: 'Refund abuse' });
  expect(second.key).toBe(first.key);
  return { ana, ben, first, second };
}

describe('investigation keys numbered alike on two vaults', () => {
  it('are both held after the exchange: the first-created case keeps the key, the other is set apart on every vault', async () => {
    const { ana, ben, first, second } = await twoCasesNumberedAlike();
    const server = new FieldServer();
    pushAll(ana.db(), server);
    pushAll(ben.db(), server);
    pullAll(ana.db(), server);
    // Ben holds his own case under the key; pulling Ana's earlier one sets his apart.
    pullAll(ben.db(), server);
    const expected = { [first.id]: first.key, [second.id]: keySetApart(second.key, second.id) };
    expect(keysOf(ana)).toEqual(expected);
    expect(keysOf(ben)).toEqual(expected);

    // A third vault that pulls Ben's case first, on a page of its own, ends the same.
    const cara = await signedInVault(vaults);
    const { items, next } = server.pull(0);
    const isBens = (item: PullItem) => 'record' in item && item.record.id === second.id;
    applyPull(cara.db(), items.filter(isBens), 0);
    expect(keysOf(cara)).toEqual({ [second.id]: second.key });
    applyPull(cara.db(), items.filter((item) => !isBens(item)), next);
    expect(keysOf(cara)).toEqual(expected);

    // The next case opened on any of them is numbered past both.
    for (const v of [ana, ben, cara]) {
      const next = await v.cli.invoke('investigations.create', { title: 'Next one' });
      expect(next.key).toBe(first.key.replace(/0001$/, '0002'));
    }
  });

  it('stay apart when Ben pushes after the pull set his key apart', async () => {
    const { ana, ben, first, second } = await twoCasesNumberedAlike();
    const server = new FieldServer();
    pushAll(ana.db(), server);
    pullAll(ben.db(), server);
    pushAll(ben.db(), server);
    pullAll(ana.db(), server);
    const expected = { [first.id]: first.key, [second.id]: keySetApart(second.key, second.id) };
    expect(keysOf(ana)).toEqual(expected);
    expect(keysOf(ben)).toEqual(expected);
    expect((await ben.cli.invoke('investigations.get', { investigationId: second.id })).key).toBe(keySetApart(second.key, second.id));
  });
});
