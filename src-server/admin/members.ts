// Members of an organisation and their roles (src-shared/permissions.ts). The server's member record
// is the authority for what the member's devices may do; disabling one refuses its devices at once.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ROLES, roleRank, type Role } from '../../src-shared/permissions';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';

export interface Member {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
  disabledAt: number | null;
}

export const newMember = z.object({ name: z.string().trim().min(1).max(120), role: z.enum(ROLES) });
export type NewMember = z.infer<typeof newMember>;

function memberOf(row: { id: string; name: string; role: string; created_at: number; disabled_at: number | null }): Member {
  const role = z.enum(ROLES).parse(row.role);
  return { id: row.id, name: row.name, role, createdAt: row.created_at, disabledAt: row.disabled_at };
}

/**
 * Adds a member. `grantedBy`: the role of the admin doing it over the API, who may grant only roles
 * at or below their own (the operator's CLI passes none).
 */
export async function addMember(db: Kysely<ServerDb>, orgId: string, input: NewMember, now: number, grantedBy?: Role): Promise<Member> {
  const { name, role } = newMember.parse(input);
  if (grantedBy !== undefined && roleRank(role) > roleRank(grantedBy)) {
    throw new SyncError('FORBIDDEN', 'You may grant only roles at or below your own.', { role });
  }
  const id = randomUUID();
  await db.insertInto('members').values({ org_id: orgId, id, name, role, created_at: now, disabled_at: null }).execute();
  return { id, name, role, createdAt: now, disabledAt: null };
}

export async function listMembers(db: Kysely<ServerDb>, orgId: string): Promise<Member[]> {
  const rows = await db.selectFrom('members').select(['id', 'name', 'role', 'created_at', 'disabled_at'])
    .where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
  return rows.map(memberOf);
}

/** A member of the organisation by id, or by name when exactly one member has it (the CLI accepts either). */
export async function findMember(db: Kysely<ServerDb>, orgId: string, idOrName: string): Promise<Member> {
  const rows = await db.selectFrom('members').select(['id', 'name', 'role', 'created_at', 'disabled_at'])
    .where('org_id', '=', orgId)
    .where((where) => where.or([where('id', '=', idOrName), where('name', '=', idOrName)]))
    .execute();
  const byId = rows.find((row) => row.id === idOrName);
  if (byId) return memberOf(byId);
  if (rows.length > 1) throw new SyncError('INVALID_REQUEST', `Several members are named "${idOrName}"; name one by id.`);
  const [only] = rows;
  if (!only) throw new SyncError('NOT_FOUND', `No member "${idOrName}" in this organisation.`);
  return memberOf(only);
}

/**
 * Disables (or enables again) a member: every device of a disabled member is refused at its next
 * request. An admin over the API may not disable a member who outranks them.
 */
export async function setMemberDisabled(
  db: Kysely<ServerDb>, orgId: string, memberId: string, disabled: boolean, now: number, changedBy?: Role,
): Promise<Member> {
  const member = await findMemberById(db, orgId, memberId);
  if (changedBy !== undefined && roleRank(member.role) > roleRank(changedBy)) {
    throw new SyncError('FORBIDDEN', 'You may not change a member whose role is above your own.', { memberId });
  }
  const disabledAt = disabled ? (member.disabledAt ?? now) : null;
  await db.updateTable('members').set({ disabled_at: disabledAt }).where('org_id', '=', orgId).where('id', '=', memberId).execute();
  return { ...member, disabledAt };
}

async function findMemberById(db: Kysely<ServerDb>, orgId: string, memberId: string): Promise<Member> {
  const row = await db.selectFrom('members').select(['id', 'name', 'role', 'created_at', 'disabled_at'])
    .where('org_id', '=', orgId).where('id', '=', memberId).executeTakeFirst();
  if (!row) throw new SyncError('NOT_FOUND', 'No such member in this organisation.');
  return memberOf(row);
}
