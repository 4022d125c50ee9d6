// What a member may read and write (docs/SYNC.md, "Permissions on the server"), from their role
// (src-shared/permissions.ts) and the organisation's restricted investigations. The decisions are
// pure; `loadScopeAccess` reads the restrictions a decision needs in one round trip per table.
import type { Kysely } from 'kysely';
import { roleHas, type Role } from '../../src-shared/permissions';
import { syncTableRule, type SyncTable } from '../../src-shared/sync-tables';
import type { ServerDb } from '../db/schema';
import { CONFLICT_RESOLUTION_FIELDS } from './conflicts';

/** Of some scopes: which are restricted, and which of those list the member. */
export interface ScopeAccess {
  restricted: ReadonlySet<string>;
  listed: ReadonlySet<string>;
}

/** A record's scope readable by a member: the organisation's own (null), an open investigation, one listing them, or any for an admin. */
export function canReadScope(role: Role, scope: string | null, access: ScopeAccess): boolean {
  if (!roleHas(role, 'read_investigations')) return false;
  if (scope === null || !access.restricted.has(scope)) return true;
  return access.listed.has(scope) || roleHas(role, 'admin_access');
}

export interface IntendedWrite {
  table: SyncTable;
  /** No record of this (table, id) held yet. */
  isNew: boolean;
  fieldNames: readonly string[];
  deletes: boolean;
  /** The scope before the write (null for a new record) and after it: the member must be able to read both. */
  scopeBefore: string | null;
  scopeAfter: string | null;
}

/** Why the member may not make this write, or null when they may. */
export function writeRefusal(role: Role, write: IntendedWrite, access: ScopeAccess): string | null {
  const rule = syncTableRule(write.table);
  const creatingInvestigation = write.table === 'investigations' && write.isNew;
  if (creatingInvestigation ? !roleHas(role, 'create_investigations') : !roleHas(role, 'modify_investigations')) {
    return creatingInvestigation ? 'creating an investigation needs create_investigations' : 'changing records needs modify_investigations';
  }
  if (rule.writtenBy === 'admin' && !roleHas(role, 'admin_access')) return 'restrictions are written by admins only';
  if (rule.writtenBy === 'server') {
    // Conflicts are raised by the server and never dropped: a member only records how one was resolved.
    if (write.isNew || write.deletes) return 'conflicts are raised by the server and never deleted';
    const allowed: readonly string[] = CONFLICT_RESOLUTION_FIELDS;
    if (write.fieldNames.some((name) => !allowed.includes(name))) return 'only the resolution of a conflict may be written';
  }
  if (!canReadScope(role, write.scopeBefore, access) || !canReadScope(role, write.scopeAfter, access)) {
    return 'the investigation is restricted to its members';
  }
  return null;
}

/** The restrictions of `scopes` that matter to `memberId`. */
export async function loadScopeAccess(db: Kysely<ServerDb>, orgId: string, memberId: string, scopes: Iterable<string | null>): Promise<ScopeAccess> {
  const named = [...new Set([...scopes].filter((scope): scope is string => scope !== null))];
  if (named.length === 0) return { restricted: new Set(), listed: new Set() };
  const restricted = await db.selectFrom('restricted_scopes').select('scope')
    .where('org_id', '=', orgId).where('scope', 'in', named).execute();
  if (restricted.length === 0) return { restricted: new Set(), listed: new Set() };
  const listed = await db.selectFrom('scope_members').select('scope')
    .where('org_id', '=', orgId).where('member_id', '=', memberId).where('scope', 'in', restricted.map((row) => row.scope)).execute();
  return { restricted: new Set(restricted.map((row) => row.scope)), listed: new Set(listed.map((row) => row.scope)) };
}
