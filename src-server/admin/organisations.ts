// Organisations: the unit of isolation (docs/SYNC.md). Created by the operator on the server's own
// database (`vigil-server org create`), never over the network.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';

export interface Organisation {
  id: string;
  name: string;
  createdAt: number;
}

export const organisationName = z.string().trim().min(1).max(120);

export async function createOrganisation(db: Kysely<ServerDb>, name: string, now: number): Promise<Organisation> {
  const parsed = organisationName.parse(name);
  const id = randomUUID();
  // Names are unique: the insert does nothing when the name is taken, so two operators racing get one organisation and one clear error.
  const inserted = await db.insertInto('orgs').values({ id, name: parsed, created_at: now })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new SyncError('INVALID_REQUEST', `An organisation named "${parsed}" already exists.`);
  return { id, name: parsed, createdAt: now };
}

/** An organisation by id or by name (the CLI accepts either). */
export async function findOrganisation(db: Kysely<ServerDb>, idOrName: string): Promise<Organisation> {
  const row = await db.selectFrom('orgs').select(['id', 'name', 'created_at'])
    .where((where) => where.or([where('id', '=', idOrName), where('name', '=', idOrName)]))
    .executeTakeFirst();
  if (!row) throw new SyncError('NOT_FOUND', `No organisation "${idOrName}".`);
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function listOrganisations(db: Kysely<ServerDb>): Promise<Organisation[]> {
  const rows = await db.selectFrom('orgs').select(['id', 'name', 'created_at']).orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
}
