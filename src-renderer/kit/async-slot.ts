// What a store holds for one thing it reads from main — `{ status, data, error }` — and the one way
// to read it: a newer read supersedes an older one still on its way, a session reset (lock,
// sign-out, another user) drops every answer read before it, and a failure is recorded as words
// for the screen under `error`, the one name every store uses.
//
// A helper of our own rather than TanStack Query: the stores are zustand stores that the session
// scope resets wholesale (kit/session-scoped-stores.ts) and that hold more than server reads
// (selections, dialogs, upload progress); a query cache keyed outside them would be a second place
// vault data lives and must be cleared, and its retries, refetch on focus and background refresh
// are all behaviours this app turns off (main refuses on lock; reads are explicit).
import { describeError } from '../format/error-message';
import { sessionEpoch } from './session-scoped-stores';

/** The life of a read from main: not asked yet, on its way, answered, or refused / unreachable. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface AsyncSlot<T> {
  status: LoadStatus;
  /** The last answer; the slot's empty value (an empty list, null) until one arrives. */
  data: T;
  /** Why the last read failed, worded for the screen; null otherwise. */
  error: string | null;
}

/** A slot not read yet, holding `empty`. */
export function idleSlot<T>(empty: T): AsyncSlot<T> {
  return { status: 'idle', data: empty, error: null };
}

/** The words a screen shows for a failed call. */
export function errorText(error: unknown): string {
  return describeError(error).message;
}

/** True while an answer is still wanted; false once it is stale. */
export type StillCurrent = () => boolean;

/**
 * A check for an answer that only the session scope can make stale: false once the session locks,
 * ends or changes user. For writes whose answer updates what the store holds.
 */
export function sameSession(): StillCurrent {
  const since = sessionEpoch();
  return () => since === sessionEpoch();
}

/** One line of requests where only the newest counts. */
export interface RequestLine {
  /** Starts a request: its check turns false when a newer one starts, on cancel, or on a session reset. */
  start(): StillCurrent;
  /** A follow-up of the current request (its next page): stale on the same events, without superseding it. */
  follow(): StillCurrent;
  /** Makes every answer on its way stale (the store shows something else now). */
  cancel(): void;
}

export function createRequestLine(): RequestLine {
  let latest = 0;
  const checkFor = (mine: number): StillCurrent => {
    const session = sameSession();
    return () => mine === latest && session();
  };
  return {
    start: () => checkFor(++latest),
    follow: () => checkFor(latest),
    cancel: () => {
      latest += 1;
    },
  };
}

export interface LoadOptions {
  /** Keep the data held while the new read is on its way (else the slot empties first). */
  keepData?: boolean;
  /** Keep the data and, if it was ready, the status too: a refresh the screen need not show. */
  quiet?: boolean;
  /** Empty the slot if the read fails, rather than keep what it held (results of another query). */
  emptyOnFailure?: boolean;
}

export interface SlotLoader<T> extends RequestLine {
  /**
   * Reads into the slot: loading, then ready with the answer or failed with its words — unless
   * the answer is stale by then, when the slot is left to the newer read. Resolves true when the
   * answer was written and was not a failure.
   */
  load(request: () => Promise<T>, options?: LoadOptions): Promise<boolean>;
}

/**
 * A loader for the slot `read` / `write` reach in a store (`() => get().users`, `(users) =>
 * set({ users })`); `empty` is what the slot holds before an answer.
 */
export function createSlotLoader<T>(empty: T, read: () => AsyncSlot<T>, write: (slot: AsyncSlot<T>) => void): SlotLoader<T> {
  const line = createRequestLine();
  return {
    ...line,
    async load(request, { keepData = false, quiet = false, emptyOnFailure = false } = {}) {
      const current = line.start();
      const held = read();
      const data = keepData || quiet ? held.data : empty;
      write({ status: quiet && held.status === 'ready' ? 'ready' : 'loading', data, error: null });
      try {
        const answer = await request();
        if (!current()) return false;
        write({ status: 'ready', data: answer, error: null });
        return true;
      } catch (error) {
        if (current()) write({ status: 'failed', data: emptyOnFailure ? empty : read().data, error: errorText(error) });
        return false;
      }
    },
  };
}
