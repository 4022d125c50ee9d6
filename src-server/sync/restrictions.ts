// An investigation's restriction lives in its `investigation_access` record (fields `restricted`, a
// boolean, and `members`, member ids); the server mirrors the merged record into `restricted_scopes`
// and `scope_members` so pulls filter by a join instead of reading JSON.
import type { Kysely } from 'kysely';
import { SyncError } from '../errors';
import type { ServerDb } from '../db/schema';
import type { PushedChange } from '../../src-shared/sync-protocol';
import { isDeleted, type HeldRecord } from './merge';

export interface Restriction {
  restricted: boolean;
  members: string[];
}

/** The restriction a merged access record states; a deleted one (not restored since) restricts nothing. */
export function restrictionOf(record: HeldRecord): Restriction {
  if (isDeleted(record)) return { restricted: false, members: [] };
  const restricted = record.fields.restricted?.value === true;
  const members = record.fields.members?.value;
  return { restricted, members: Array.isArray(members) ? members.filter((member): member is string => typeof member === 'string') : [] };
}

/** Refuses an access change whose fields are not the shapes a restriction is made of. */
export function assertAccessChangeShape(change: PushedChange): void {
  const restricted = change.fields.restricted;
  const members = change.fields.members;
  const badRestricted = restricted !== undefined && typeof restricted.value !== 'boolean';
  const badMembers = members !== undefined && !(Array.isArray(members.value) && members.value.every((member) => typeof member === 'string'));
  if (badRestricted || badMembers) {
    throw new SyncError('INVALID_REQUEST', 'An investigation_access change needs restricted as a boolean and members as a list of member ids.', { table: change.table, id: change.id });
  }
}

/** Replaces what the server holds of `scope`'s restriction with `restriction`. */
export async function storeRestriction(db: Kysely<ServerDb>, orgId: string, scope: string, restriction: Restriction): Promise<void> {
  await db.deleteFrom('restricted_scopes').where('org_id', '=', orgId).where('scope', '=', scope).execute();
  await db.deleteFrom('scope_members').where('org_id', '=', orgId).where('scope', '=', scope).execute();
  if (!restriction.restricted) return;
  await db.insertInto('restricted_scopes').values({ org_id: orgId, scope }).execute();
  const members = [...new Set(restriction.members)];
  if (members.length > 0) {
    await db.insertInto('scope_members').values(members.map((member_id) => ({ org_id: orgId, scope, member_id }))).execute();
  }
}
