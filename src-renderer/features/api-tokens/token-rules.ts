// API tokens in words and rules the Settings section needs: a token's status, the roles a person may
// give a token (theirs or below: main refuses more), the expiry field, and how a script uses a token.
import { ROLES, roleRank, type Role } from '../../../src-shared/permissions';
import type { ApiTokenView } from '../../../src-shared/token-contract';

export type TokenStatus = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired: it says someone stopped the token on purpose. */
export function tokenStatus(token: ApiTokenView, now: number): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return 'active';
}

/** Roles a token of mine may hold, lowest first. */
export function grantableRoles(mine: Role): Role[] {
  return ROLES.filter((role) => roleRank(role) <= roleRank(mine));
}

/** The contract's bounds on a token's life, in days. */
export const MAX_EXPIRY_DAYS = 3650;

/** The expiry field: empty means never; otherwise whole days from 1 to 3650. */
export function parseExpiryDays(text: string): { days: number | undefined } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { days: undefined };
  if (!/^\d+$/.test(trimmed)) return { problem: 'Whole days, or leave empty for a token that does not expire' };
  const days = Number(trimmed);
  if (days < 1 || days > MAX_EXPIRY_DAYS) return { problem: `Between 1 and ${MAX_EXPIRY_DAYS.toLocaleString()} days` };
  return { days };
}

/** A command that shows a script how to pass the token (any vigil command takes it the same way). */
export function tokenUsage(token: string): string {
  return `VIGIL_TOKEN=${token} vigil audit verify`;
}
