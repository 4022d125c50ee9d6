// The one way stores read from main (kit/async-slot.ts): the newest read wins, a session reset drops
// what was read before it, and a failure is recorded as words under `error`.
import { describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import { VigilError } from '../../../src-shared/errors';
import { createRequestLine, createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../../src-renderer/kit/async-slot';
import { resetSessionStores } from '../../../src-renderer/kit/session-scoped-stores';

// The session scope loads the session store, which opens the api bridge when it is created (vi.mock is hoisted).
vi.mock('../../../src-renderer/api/client', () => ({ api: { invoke: () => Promise.reject(new Error('no main')) }, onEvent: () => () => undefined }));


interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A store with one slot, read the way feature stores read theirs. */
function namesStore() {
  const store = create<{ names: AsyncSlot<string[]> }>()(() => ({ names: idleSlot<string[]>([]) }));
  const loader = createSlotLoader<string[]>([], () => store.getState().names, (names) => store.setState({ names }));
  return { store, loader };
}

describe('a slot loader', () => {
  it('shows loading, then the answer', async () => {
    const { store, loader } = namesStore();
    const answer = deferred<string[]>();
    const loading = loader.load(() => answer.promise);
    expect(store.getState().names).toEqual({ status: 'loading', data: [], error: null });
    answer.resolve(['ada']);
    expect(await loading).toBe(true);
    expect(store.getState().names).toEqual({ status: 'ready', data: ['ada'], error: null });
  });

  it('ignores an older answer that arrives after a newer read started', async () => {
    const { store, loader } = namesStore();
    const older = deferred<string[]>();
    const newer = deferred<string[]>();
    const first = loader.load(() => older.promise);
    const second = loader.load(() => newer.promise);
    newer.resolve(['for the new filter']);
    await second;
    older.resolve(['for the old filter']);
    expect(await first).toBe(false);
    expect(store.getState().names).toEqual({ status: 'ready', data: ['for the new filter'], error: null });
  });

  it('ignores an older failure too: the newer read is still on its way', async () => {
    const { store, loader } = namesStore();
    const older = deferred<string[]>();
    const first = loader.load(() => older.promise);
    void loader.load(() => new Promise<string[]>(() => undefined));
    older.reject(new VigilError('INTERNAL', 'boom'));
    await first;
    expect(store.getState().names).toEqual({ status: 'loading', data: [], error: null });
  });

  it('records a failure as the words the screen shows, under error', async () => {
    const { store, loader } = namesStore();
    const ok = await loader.load(() => Promise.reject(new VigilError('FORBIDDEN', 'You may not list users.')));
    expect(ok).toBe(false);
    expect(store.getState().names).toEqual({ status: 'failed', data: [], error: 'You may not list users.' });
  });

  it('says main did not answer when the call never reached it', async () => {
    const { store, loader } = namesStore();
    await loader.load(() => Promise.reject(new TypeError('fetch failed')));
    expect(store.getState().names.error).toMatch(/did not answer/);
  });

  it('drops an answer read before the session locked or ended', async () => {
    const { store, loader } = namesStore();
    const answer = deferred<string[]>();
    const loading = loader.load(() => answer.promise);
    resetSessionStores();
    store.setState({ names: idleSlot([]) });
    answer.resolve(['read before the lock']);
    expect(await loading).toBe(false);
    expect(store.getState().names).toEqual({ status: 'idle', data: [], error: null });
  });

  it('drops an answer after cancel (the store shows something else now)', async () => {
    const { store, loader } = namesStore();
    const answer = deferred<string[]>();
    const loading = loader.load(() => answer.promise);
    loader.cancel();
    store.setState({ names: idleSlot([]) });
    answer.resolve(['for the investigation closed meanwhile']);
    await loading;
    expect(store.getState().names.status).toBe('idle');
  });

  it('keeps what it holds while refreshing when asked, and the status too when quiet', async () => {
    const { store, loader } = namesStore();
    await loader.load(() => Promise.resolve(['ada']));
    const kept = deferred<string[]>();
    void loader.load(() => kept.promise, { keepData: true });
    expect(store.getState().names).toEqual({ status: 'loading', data: ['ada'], error: null });
    kept.resolve(['ada', 'grace']);
    await kept.promise;
    const quiet = deferred<string[]>();
    void loader.load(() => quiet.promise, { quiet: true });
    expect(store.getState().names).toEqual({ status: 'ready', data: ['ada', 'grace'], error: null });
    quiet.reject(new VigilError('INTERNAL', 'boom'));
    await quiet.promise.catch(() => undefined);
    await Promise.resolve();
    expect(store.getState().names).toEqual({ status: 'failed', data: ['ada', 'grace'], error: 'boom' });
  });

  it('keeps what it held through a failure, unless asked to empty it', async () => {
    const { store, loader } = namesStore();
    await loader.load(() => Promise.resolve(['ada']));
    await loader.load(() => Promise.reject(new VigilError('INTERNAL', 'boom')), { keepData: true });
    expect(store.getState().names.data).toEqual(['ada']);
    await loader.load(() => Promise.reject(new VigilError('INTERNAL', 'boom')), { keepData: true, emptyOnFailure: true });
    expect(store.getState().names).toEqual({ status: 'failed', data: [], error: 'boom' });
  });

  it('empties the slot for a new read by default', async () => {
    const { store, loader } = namesStore();
    await loader.load(() => Promise.resolve(['ada']));
    void loader.load(() => new Promise<string[]>(() => undefined));
    expect(store.getState().names.data).toEqual([]);
  });
});

describe('a request line', () => {
  it('lets a follow-up (the next page) land until a new read starts', () => {
    const line = createRequestLine();
    line.start();
    const nextPage = line.follow();
    expect(nextPage()).toBe(true);
    line.start();
    expect(nextPage()).toBe(false);
  });

  it('makes every check stale on a session reset', () => {
    const line = createRequestLine();
    const read = line.start();
    const write = sameSession();
    resetSessionStores();
    expect(read()).toBe(false);
    expect(write()).toBe(false);
  });
});
