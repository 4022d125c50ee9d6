// Live sessions, in memory. A session is found by the hash of its bearer token (the transport keeps
// the token; this registry never stores it). Timers move sessions to `locked` after idle time and
// end them at their absolute lifetime; sweeping is driven by the core so tests control time.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionState } from '../../src-shared/model';
import type { Role } from '../../src-shared/permissions';

export interface LiveSession {
  id: string;
  tokenHash: string;
  userId: string;
  state: SessionState;
  client: string;
  createdAt: number;
  lastActiveAt: number;
  expiresAt: number;
  /** When the session entered a state waiting for a second factor, a new password or a confirmation. */
  stateSince: number;
  /** A session opened with an API token: the token's id and the role it is bound to (never above the user's). */
  apiToken?: { id: string; role: Role };
}

export type SessionEndReason =
  | 'logout' | 'expired' | 'ended_by_admin' | 'user_disabled' | 'password_reset' | 'abandoned' | 'shutdown'
  /** Too many wrong second-factor codes: the password must be entered again. */
  | 'second_factor_failed'
  /** The API token the session was opened with was revoked. */
  | 'token_revoked';

export interface SweepTimes {
  idleLockMs: number;
  /** A session waiting for TOTP or a new password ends if nothing happens for this long. */
  pendingStateMs: number;
}

export interface DueChanges {
  lock: LiveSession[];
  end: { session: LiveSession; reason: SessionEndReason }[];
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionRegistry {
  private readonly byTokenHash = new Map<string, LiveSession>();

  create(session: Omit<LiveSession, 'tokenHash'>): { token: string; session: LiveSession } {
    const token = randomBytes(32).toString('base64url');
    const live: LiveSession = { ...session, tokenHash: hashToken(token) };
    this.byTokenHash.set(live.tokenHash, live);
    return { token, session: live };
  }

  findByToken(token: string): LiveSession | undefined {
    return this.byTokenHash.get(hashToken(token));
  }

  findById(id: string): LiveSession | undefined {
    for (const session of this.byTokenHash.values()) if (session.id === id) return session;
    return undefined;
  }

  ofUser(userId: string): LiveSession[] {
    return this.list().filter((s) => s.userId === userId);
  }

  list(): LiveSession[] {
    return [...this.byTokenHash.values()];
  }

  remove(session: LiveSession): void {
    this.byTokenHash.delete(session.tokenHash);
  }

  /** True while some session is not locked: the data key may stay in memory only then. */
  anyUnlocked(): boolean {
    for (const session of this.byTokenHash.values()) if (session.state !== 'locked') return true;
    return false;
  }

  /** Which sessions idle lock, pending-state timeouts and absolute expiry catch at `now`; changes nothing. */
  due(now: number, times: SweepTimes): DueChanges {
    const result: DueChanges = { lock: [], end: [] };
    for (const session of this.list()) {
      if (now >= session.expiresAt) result.end.push({ session, reason: 'expired' });
      else if (session.state === 'active' && now - session.lastActiveAt >= times.idleLockMs) result.lock.push(session);
      else if (session.state !== 'active' && session.state !== 'locked' && now - session.stateSince >= times.pendingStateMs) {
        result.end.push({ session, reason: 'abandoned' });
      }
    }
    return result;
  }
}
