// Backfill on gained access (docs/SYNC.md, "Gaining access"). A pull's cursor moves past records the
// member may not read; the scopes of those records are remembered per device ("denied"). When one
// becomes readable (the member is added, the case opened up), the next pulls first send the scope's
// records up to the cursor the device had then, a page at a time, before going on from the cursor.
import type { Kysely } from 'kysely';
import type { DeviceContext } from '../auth/device-context';
import type { BackfillMark } from '../../src-shared/sync-protocol';
import type { ServerDb } from '../db/schema';
import { canReadScope, loadScopeAccess } from './access';
import type { RecordsRow } from './held-records';

/** Remembers the restricted scopes of the records in `(after, upto]` this member may not read. */
export async function rememberDeniedScopes(db: Kysely<ServerDb>, context: DeviceContext, after: number, upto: number): Promise<void> {
  if (upto <= after) return;
  const denied = await db.selectFrom('records as r')
    .innerJoin('restricted_scopes as rs', (join) => join.onRef('rs.org_id', '=', 'r.org_id').onRef('rs.scope', '=', 'r.scope'))
    .leftJoin('scope_members as sm', (join) => join.onRef('sm.org_id', '=', 'r.org_id').onRef('sm.scope', '=', 'r.scope').on('sm.member_id', '=', context.memberId))
    .select('rs.scope').distinct()
    .where('r.org_id', '=', context.orgId).where('r.seq', '>', after).where('r.seq', '<=', upto).where('sm.member_id', 'is', null)
    .execute();
  await denyScopes(db, context.deviceId, denied.map((row) => row.scope));
}

/** Marks scopes whose records up to the device's cursor it does not hold (never sent, or evicted). */
export async function denyScopes(db: Kysely<ServerDb>, deviceId: string, scopes: readonly string[]): Promise<void> {
  if (scopes.length === 0) return;
  await db.insertInto('device_denied_scopes').values(scopes.map((scope) => ({ device_id: deviceId, scope })))
    .onConflict((conflict) => conflict.columns(['device_id', 'scope']).doNothing())
    .execute();
}

/** Starts a backfill, up to the device's cursor `after`, of each denied scope the member may read now. */
export async function startGainedBackfills(db: Kysely<ServerDb>, context: DeviceContext, after: number): Promise<void> {
  const denied = (await db.selectFrom('device_denied_scopes').select('scope').where('device_id', '=', context.deviceId).execute()).map((row) => row.scope);
  if (denied.length === 0) return;
  const access = await loadScopeAccess(db, context.orgId, context.memberId, denied);
  const gained = denied.filter((scope) => canReadScope(context.role, scope, access));
  if (gained.length === 0) return;
  await db.deleteFrom('device_denied_scopes').where('device_id', '=', context.deviceId).where('scope', 'in', gained).execute();
  if (after === 0) return;
  await db.insertInto('device_backfills').values(gained.map((scope) => ({ device_id: context.deviceId, scope, upto: after, done_seq: 0 })))
    .onConflict((conflict) => conflict.columns(['device_id', 'scope']).doUpdateSet((eb) => ({ upto: eb.ref('excluded.upto'), done_seq: 0 })))
    .execute();
}

/** A backfill page and where it ended (the mark the device sends back once it committed the page). */
export interface BackfillPage {
  rows: RecordsRow[];
  mark: BackfillMark;
}

/**
 * The next page of a backfill under way, at most `limit` records of one scope in sequence order, or
 * null when none is under way. A backfill of a scope the member lost again meanwhile is dropped (and
 * the scope denied again). With acknowledgements (`ack` not undefined: the device sends the mark of
 * the last page it committed, or null), a page counts as received only once acknowledged, so a page
 * lost on the way is sent again; the backfill ends at the pull that acknowledges its last page.
 * Without (an older client), a page counts as sent when it leaves.
 */
export async function nextBackfillPage(db: Kysely<ServerDb>, context: DeviceContext, limit: number, ack?: BackfillMark | null): Promise<BackfillPage | null> {
  const acknowledging = ack !== undefined;
  for (;;) {
    const backfill = await db.selectFrom('device_backfills').select(['scope', 'upto', 'done_seq'])
      .where('device_id', '=', context.deviceId).orderBy('scope').limit(1).executeTakeFirst();
    if (backfill === undefined) return null;
    const own = db.updateTable('device_backfills').where('device_id', '=', context.deviceId).where('scope', '=', backfill.scope);
    const finish = db.deleteFrom('device_backfills').where('device_id', '=', context.deviceId).where('scope', '=', backfill.scope);
    const access = await loadScopeAccess(db, context.orgId, context.memberId, [backfill.scope]);
    if (!canReadScope(context.role, backfill.scope, access)) {
      await finish.execute();
      await denyScopes(db, context.deviceId, [backfill.scope]);
      continue;
    }
    let doneSeq = backfill.done_seq;
    if (ack && ack.scope === backfill.scope && ack.seq > doneSeq) {
      doneSeq = Math.min(ack.seq, backfill.upto);
      await own.set({ done_seq: doneSeq }).execute();
    }
    const rows = await db.selectFrom('records')
      .select(['tbl', 'id', 'seq', 'scope', 'prev_scope', 'scope_changed_seq', 'fields', 'deleted_hlc', 'deleted_device'])
      .where('org_id', '=', context.orgId).where('scope', '=', backfill.scope)
      .where('seq', '>', doneSeq).where('seq', '<=', backfill.upto)
      .orderBy('seq').limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    if (acknowledging) {
      if (last === undefined) {
        await finish.execute();
        continue;
      }
    } else if (rows.length > limit) {
      await own.set({ done_seq: last!.seq }).execute();
    } else {
      await finish.execute();
    }
    if (last !== undefined) return { rows: page, mark: { scope: backfill.scope, seq: last.seq } };
  }
}
