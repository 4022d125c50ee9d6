// The key access tokens are signed with, kept in the database (`server_secrets`) so every instance
// serving one database verifies every other's tokens (docs/SYNC.md, "Access tokens").
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDb } from '../db/schema';

const SECRET_NAME = 'access_token_hmac';

/**
 * The signing key, created on first use. Two instances starting together may both try to create it:
 * each inserts its candidate only if none exists, then both read the one that won, so they agree.
 */
export async function accessTokenKey(db: Kysely<ServerDb>): Promise<Buffer> {
  await db.insertInto('server_secrets')
    .values({ name: SECRET_NAME, value: randomBytes(32).toString('hex') })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', SECRET_NAME).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'hex');
}
