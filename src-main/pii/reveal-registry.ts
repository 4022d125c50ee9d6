// Live PII reveals: which entity values a user without access_pii may see, why, and until when.
// Held in memory only: a restart or sign-out ends every reveal, which errs on the private side.
// The audit log (written by the router for pii.reveal) is the durable record.
import type { PiiReveal } from '../../src-shared/workspace-model';
import type { EntityKind } from '../entities/entity-kinds';
import { maskingLens, revealKey, FULL_VIEW, type PiiLens } from './pii-lens';

export const DEFAULT_REVEAL_MS = 15 * 60 * 1000;

interface RevealGrant extends PiiReveal {
  userId: string;
}

export class RevealRegistry {
  private readonly grants = new Map<string, Map<string, RevealGrant>>();

  constructor(private readonly now: () => number, private readonly durationMs = DEFAULT_REVEAL_MS) {}

  grant(userId: string, entity: { id: string; kind: EntityKind; value: string }, purpose: string): PiiReveal {
    const reveal: RevealGrant = { userId, entityId: entity.id, kind: entity.kind, value: entity.value, purpose, expiresAt: this.now() + this.durationMs };
    const mine = this.grants.get(userId) ?? new Map<string, RevealGrant>();
    mine.set(entity.id, reveal);
    this.grants.set(userId, mine);
    return publicView(reveal);
  }

  active(userId: string): PiiReveal[] {
    const mine = this.grants.get(userId);
    if (!mine) return [];
    const now = this.now();
    for (const [id, grant] of mine) if (grant.expiresAt <= now) mine.delete(id);
    return [...mine.values()].map(publicView);
  }

  /** The lens for a caller: full view with access_pii, else masking minus their live reveals. */
  lensFor(userId: string, hasAccessPii: boolean): PiiLens {
    if (hasAccessPii) return FULL_VIEW;
    return maskingLens(new Set(this.active(userId).map((r) => revealKey(r.kind, r.value))));
  }

  /** Sign-out and disabling end a user's reveals. */
  clear(userId: string): void {
    this.grants.delete(userId);
  }
}

function publicView(grant: RevealGrant): PiiReveal {
  return { entityId: grant.entityId, kind: grant.kind, value: grant.value, purpose: grant.purpose, expiresAt: grant.expiresAt };
}
