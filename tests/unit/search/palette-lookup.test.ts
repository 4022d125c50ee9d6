// The command palette finds investigations by key and entities by value. A masked analyst finds a
// PII entity only by the whole value they already know, sees it masked, and cannot spell unknown
// values out with prefixes; a reader with access_pii finds by prefix too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { insertEntity, vaultDb } from '../actions/workspace-fixtures';
import { errorCodeOf } from '../support/errors';

let vault: TestVault;
let analyst: InProcessClient;
let senior: InProcessClient;
const keys: string[] = [];
let emailId: string;
let phoneId: string;
let domainId: string;

const EMAIL = 'marla.singer@example.com';

beforeAll(async () => {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  senior = await addUser(vault, admin, 'sam', 'senior_analyst');
  for (let i = 1; i <= 12; i += 1) {
    const created = await senior.invoke('investigations.create', { title: i === 12 ? `Refunds sent to ${EMAIL}` : `Case ${i}` });
    keys.push(created.key);
  }
  const db = vaultDb(vault);
  emailId = insertEntity(db, 'email', EMAIL);
  phoneId = insertEntity(db, 'phone', '+14155550123');
  domainId = insertEntity(db, 'domain', 'refund-desk.example');
});
afterAll(() => vault.dispose());

const find = (client: InProcessClient, text: string) => client.invoke('lookup.find', { text });

describe('palette lookup: investigations', () => {
  it('opens an investigation by its full key, in any case, and by the short "INV-12"', async () => {
    const twelfth = keys[11] ?? '';
    expect(twelfth).toMatch(/^INV-\d{4}-0012$/);
    expect((await find(analyst, twelfth.toLowerCase())).investigations.map((hit) => hit.key)[0]).toBe(twelfth);
    expect((await find(analyst, 'INV-12')).investigations.map((hit) => hit.key)).toEqual([twelfth]);
    expect((await find(analyst, 'inv-1')).investigations.map((hit) => hit.key)[0]).toBe(keys[0]);
  });

  it('lists keys starting with what was typed, a few at most', async () => {
    const year = (keys[0] ?? '').slice(0, 8);
    const hits = (await find(analyst, `${year}-001`)).investigations.map((hit) => hit.key);
    expect(hits.length).toBeLessThanOrEqual(5);
    expect(hits.every((key) => key.startsWith(`${year}-001`))).toBe(true);
    expect(hits).toContain(keys[9]);
    expect((await find(analyst, 'refunds')).investigations).toEqual([]);
  });

  it('masks PII in a title for a masked analyst', async () => {
    const masked = (await find(analyst, keys[11] ?? '')).investigations[0];
    expect(masked?.title).not.toContain(EMAIL);
    expect(masked?.title).toContain('m***@example.com');
    expect((await find(senior, keys[11] ?? '')).investigations[0]?.title).toContain(EMAIL);
  });
});

describe('palette lookup: entities and masking', () => {
  it('finds an entity by its whole value, written any way that normalises to it', async () => {
    const hits = (await find(senior, ' Marla.Singer@Example.com ')).entities;
    expect(hits.map((e) => [e.id, e.value, e.masked])).toEqual([[emailId, EMAIL, false]]);
    expect((await find(senior, '+1 (415) 555-0123')).entities.map((e) => e.id)).toEqual([phoneId]);
  });

  it('lets a masked analyst find a PII entity by the whole value they know, and shows it masked', async () => {
    const [hit] = (await find(analyst, EMAIL)).entities;
    expect(hit).toMatchObject({ id: emailId, kind: 'email', masked: true });
    expect(hit?.value).not.toBe(EMAIL);
    expect(JSON.stringify(await find(analyst, EMAIL))).not.toContain('marla.singer');
  });

  it('never matches a PII prefix for a masked analyst (no spelling values out), but does for access_pii', async () => {
    for (const prefix of ['marla', 'marla.singer@', 'marla.singer@example.co', '+1415555', '1415555']) {
      expect((await find(analyst, prefix)).entities.map((e) => e.id)).not.toContain(emailId);
      expect((await find(analyst, prefix)).entities.map((e) => e.id)).not.toContain(phoneId);
    }
    expect((await find(senior, 'marla')).entities.map((e) => e.id)).toContain(emailId);
    expect((await find(senior, '+1415555')).entities.map((e) => e.id)).toContain(phoneId);
  });

  it('matches a prefix of a value that is not PII for everyone', async () => {
    expect((await find(analyst, 'refund-desk')).entities.map((e) => [e.id, e.value])).toEqual([[domainId, 'refund-desk.example']]);
  });

  it('is bounded and typed at the edge', async () => {
    expect(await errorCodeOf(find(analyst, '   '))).toBe('VALIDATION');
    expect(await errorCodeOf(analyst.invoke('lookup.find', { text: 'x'.repeat(201) }))).toBe('VALIDATION');
  });
});
