// Nothing of the vault survives a lock, a sign-out or an ended session in the renderer: every store
// module under src-renderer is found and loaded (so a new store that forgets to join the session
// scope fails here), filled — the triage queue, an alert's detail, a PII reveal, an entity and
// search results from a real core, every other store with a canary — and after the session leaves
// every store equals the state it was created with.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { addUser, makeTestVault, setUpVault, USER_PASSWORD, type TestVault } from '../support/test-core';
import { insertAlert, insertEntity, vaultDb } from '../actions/workspace-fixtures';

const holder = {
  client: null as InProcessClient | null,
  held: new Set<string>(),
  release: Promise.resolve(),
  /** Answers waiting at the hold, and who to tell when enough have arrived. */
  waiting: 0,
  onWaiting: () => undefined as void,
};

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    async invoke(channel: string, input: unknown) {
      if (!holder.client) throw new Error('no client');
      const result = await (holder.client.invoke as (channel: string, input: unknown) => Promise<unknown>)(channel, input);
      // A held channel's answer is read before the lock and delivered after it.
      if (holder.held.has(channel)) {
        holder.waiting += 1;
        holder.onWaiting();
        await holder.release;
      }
      return result;
    },
  },
  onEvent: () => () => undefined,
}));

// navigation.ts reads the URL hash when it is created.
vi.stubGlobal('window', { location: { hash: '' } });

/** Stores whose content is not vault data, each with the reason. */
const NOT_SESSION_SCOPED: Record<string, string> = {
  'app/navigation.ts': 'the page in the URL; the page itself re-reads its data',
  'features/session/store.ts': 'the session itself: it drives the reset',
  'features/preferences/store.ts': "the user's theme and image blur, reset when the user changes",
};

const RENDERER = join(import.meta.dirname, '../../../src-renderer');

function storeModules(): string[] {
  const files = readdirSync(RENDERER, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
  return files.filter((file) => /from 'zustand'/.test(readFileSync(join(RENDERER, file), 'utf8'))).map((file) => file.split('\\').join('/'));
}

type AnyStore = StoreApi<Record<string, unknown>>;
const isStore = (value: unknown): value is AnyStore =>
  typeof value === 'function' && 'getState' in value && 'setState' in value && 'getInitialState' in value;

const scoped: { file: string; name: string; store: AnyStore }[] = [];
for (const file of storeModules()) {
  const module = (await import(join(RENDERER, file))) as Record<string, unknown>;
  for (const [name, value] of Object.entries(module)) {
    if (isStore(value) && !(file in NOT_SESSION_SCOPED)) scoped.push({ file, name, store: value });
  }
}
const { useSessionStore } = await import('../../../src-renderer/features/session/store');
const { useTriageStore } = await import('../../../src-renderer/features/triage/store');
const { useAlertDetailStore } = await import('../../../src-renderer/features/triage/detail-store');
const { usePiiStore } = await import('../../../src-renderer/features/pii/store');
const { useEntityStore } = await import('../../../src-renderer/features/entities/store');
const { useSearchStore } = await import('../../../src-renderer/features/search/store');

const CANARY = 'canary-from-the-vault';

/** Every data field of every session-scoped store holds a canary (actions are left alone). */
function fillWithCanaries(): void {
  for (const { store } of scoped) {
    const filled: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(store.getState())) if (typeof value !== 'function') filled[key] = { [key]: CANARY };
    store.setState(filled);
  }
}

function leftovers(): string[] {
  return scoped
    .filter(({ store }) => JSON.stringify(store.getState()) !== JSON.stringify(store.getInitialState()) || JSON.stringify(store.getState()).includes(CANARY))
    .map(({ file, name }) => `${file} ${name}`);
}

describe('renderer state when the session leaves', () => {
  let vault: TestVault;
  let admin: InProcessClient;
  let entityId = '';
  let alertId = '';

  beforeAll(async () => {
    vault = makeTestVault();
    ({ admin } = await setUpVault(vault));
    await addUser(vault, admin, 'alice', 'analyst');
    const db = vaultDb(vault);
    entityId = insertEntity(db, 'email', 'mallory@example.com');
    alertId = insertAlert(db, { title: 'Payout to mallory@example.com from a new device', entityIds: [entityId] });
  });

  afterAll(() => vault.dispose());

  beforeEach(async () => {
    holder.client = vault.client('window');
    await useSessionStore.getState().login({ username: 'alice', password: USER_PASSWORD });
    expect(useSessionStore.getState().session?.state).toBe('active');
  });

  it('finds the stores to check', () => {
    const files = new Set(scoped.map(({ file }) => file));
    for (const file of ['features/triage/store.ts', 'features/triage/detail-store.ts', 'features/pii/store.ts', 'features/entities/store.ts', 'features/search/store.ts']) {
      expect(files).toContain(file);
    }
  });

  it('a lock leaves no triage rows, alert detail, PII reveal, entity, search result or anything else in any store', async () => {
    fillWithCanaries();
    const named = [useTriageStore, useAlertDetailStore, usePiiStore, useEntityStore, useSearchStore] as const;
    for (const store of named as readonly unknown[] as AnyStore[]) store.setState(store.getInitialState(), true);
    await useTriageStore.getState().setQuery({}, 'newest');
    await useAlertDetailStore.getState().load(alertId);
    await usePiiStore.getState().reveal(entityId, 'checking the payout account owner');
    await useEntityStore.getState().load(entityId);
    await useSearchStore.getState().run('payout');
    const read = JSON.stringify(named.map((store) => store.getState()));
    expect(read).toContain('mallory@example.com');
    expect(read).toContain('Payout to');
    await useSessionStore.getState().lock();
    expect(useSessionStore.getState().session?.state).toBe('locked');
    expect(leftovers()).toEqual([]);
    expect(JSON.stringify(scoped.map(({ store }) => store.getState()))).not.toContain('mallory');
    await useSessionStore.getState().unlock(USER_PASSWORD);
  });

  it('an answer read before the lock and arriving after it is dropped, not written back', async () => {
    holder.waiting = 0;
    let release = () => undefined as void;
    holder.release = new Promise<void>((resolve) => { release = resolve; });
    const channels = ['alerts.list', 'alerts.count', 'alerts.get', 'alerts.similar', 'entities.get', 'search.query', 'search.history', 'search.savedList', 'pii.reveals', 'pii.reveal'];
    channels.forEach((channel) => holder.held.add(channel));
    const reads = [
      useTriageStore.getState().setQuery({}, 'newest'),
      useAlertDetailStore.getState().load(alertId),
      useEntityStore.getState().load(entityId),
      useSearchStore.getState().run('payout'),
      usePiiStore.getState().load(),
      usePiiStore.getState().reveal(entityId, 'checking the payout account owner'),
    ];
    // Every call reaches the core and is answered; the lock comes before the answers are delivered.
    const answersRead = 9; // triage: list + count; detail: get + similar; entity: get + list; search; pii: list + reveal
    await new Promise<void>((resolve) => {
      holder.onWaiting = () => holder.waiting >= answersRead && resolve();
      holder.onWaiting();
    });
    await useSessionStore.getState().lock();
    release();
    await Promise.allSettled(reads);
    holder.held.clear();
    expect(leftovers()).toEqual([]);
    await useSessionStore.getState().unlock(USER_PASSWORD);
  });

  it('signing out leaves nothing in any store', async () => {
    fillWithCanaries();
    await useSessionStore.getState().logout();
    expect(leftovers()).toEqual([]);
  });

  it('a session ended elsewhere (expired, ended by an admin) leaves nothing in any store', async () => {
    fillWithCanaries();
    useSessionStore.getState().receiveServerView(null);
    expect(useSessionStore.getState().notice).not.toBeNull();
    expect(leftovers()).toEqual([]);
  });
});
