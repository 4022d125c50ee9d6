// Reading a page of a device's pull (docs/SYNC.md, "Pull" and "Losing access"): the organisation's
// records after the device's cursor, in sequence order, that its member may read now, and the
// evictions of what it may no longer read. A record the member could read neither before nor now is
// never named, not even by id; the cursor still moves past it, and a backfill sends it once the member
// may read it (backfill.ts).
import type { Kysely } from 'kysely';
import { roleHas } from '../../src-shared/permissions';
import type { Eviction, PullRequest, PullResponse } from '../../src-shared/sync-protocol';
import type { SyncTable } from '../../src-shared/sync-tables';
import type { DeviceContext } from '../auth/device-context';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';
import { denyScopes, nextBackfillPage, rememberDeniedScopes, startGainedBackfills } from './backfill';
import { parsedPulledRecord, storedPulledRecord, type PulledRow, type StoredPulledRecord } from './held-records';
import { awaitEvictionReceipt, scopesToEvict } from './scope-evictions';

/** A pull page as the server sends it: each record's fields the stored JSON text (http/pull-body.ts). */
export type StoredPullItem = { record: StoredPulledRecord } | { evict: Eviction };
export interface StoredPullPage extends Omit<PullResponse, 'items'> {
  items: StoredPullItem[];
}

/** The page with every record's fields parsed: a pull as a caller in this process reads it. */
export async function readPull(db: Kysely<ServerDb>, context: DeviceContext, request: PullRequest): Promise<PullResponse> {
  const page = await readStoredPull(db, context, request);
  return { ...page, items: page.items.map((item) => ('record' in item ? { record: parsedPulledRecord(item.record) } : item)) };
}

export async function readStoredPull(db: Kysely<ServerDb>, context: DeviceContext, request: PullRequest): Promise<StoredPullPage> {
  return db.transaction().execute(async (tx) => {
    // The head first: pushes commit in sequence order (push.ts), so every record up to it is there to read.
    const org = await tx.selectFrom('orgs').select('seq').where('id', '=', context.orgId).executeTakeFirst();
    if (org === undefined) throw new SyncError('NOT_FOUND', 'No such organisation.');
    const head = org.seq;
    const seesAll = roleHas(context.role, 'admin_access');

    const lost = await scopesToEvict(tx, context, seesAll, request.after);
    await denyScopes(tx, context.deviceId, lost);
    const items: StoredPullItem[] = lost.map((scope) => ({ evict: { scope } }));

    // A scope readable again (or for the first time) whose records the cursor passed comes first,
    // in pages of its own; the cursor stays where it is until the backfill is done.
    await startGainedBackfills(tx, context, request.after);
    const backfill = await nextBackfillPage(tx, context, request.limit, request.backfillAck);
    if (backfill !== null) {
      items.push(...backfill.rows.map((row) => ({ record: storedPulledRecord(row) })));
      await rememberScopesSent(tx, context.deviceId, new Set(backfill.rows.map((row) => row.scope).filter((scope): scope is string => scope !== null)));
      return { items, next: request.after, more: true, head, ...(request.backfillAck !== undefined ? { backfill: backfill.mark } : {}) };
    }

    const rows = await readableRowsAfter(tx, context, request.after, head, request.limit + 1, seesAll);
    const more = rows.length > request.limit;
    const page = more ? rows.slice(0, request.limit) : rows;

    const scopesSent = new Set<string>();
    for (const { row, readable } of page) {
      if (readable) {
        items.push({ record: storedPulledRecord(row) });
        if (row.scope !== null) scopesSent.add(row.scope);
      } else {
        items.push({ evict: { table: row.tbl as SyncTable, id: row.id } });
      }
    }
    await rememberScopesSent(tx, context.deviceId, scopesSent);
    const next = more ? page[page.length - 1]!.row.seq : Math.max(head, request.after);
    if (!seesAll) await rememberDeniedScopes(tx, context, request.after, next);
    await awaitEvictionReceipt(tx, context.deviceId, lost, request.after, next);
    return { items, next, more, head };
  });
}

/**
 * The records after `after` (up to `head`) the member may read now, and those it could read before
 * their last move and cannot now (to evict), in sequence order. The filter is a join on the
 * restrictions, so unreadable records never leave the database.
 */
async function readableRowsAfter(db: Kysely<ServerDb>, context: DeviceContext, after: number, head: number, limit: number, seesAll: boolean): Promise<Array<{ row: PulledRow & { scope: string | null }; readable: boolean }>> {
  const rows = await db.selectFrom('records as r')
    .leftJoin('restricted_scopes as rs', (join) => join.onRef('rs.org_id', '=', 'r.org_id').onRef('rs.scope', '=', 'r.scope'))
    .leftJoin('scope_members as sm', (join) => join.onRef('sm.org_id', '=', 'r.org_id').onRef('sm.scope', '=', 'r.scope').on('sm.member_id', '=', context.memberId))
    .leftJoin('restricted_scopes as prs', (join) => join.onRef('prs.org_id', '=', 'r.org_id').onRef('prs.scope', '=', 'r.prev_scope'))
    .leftJoin('scope_members as psm', (join) => join.onRef('psm.org_id', '=', 'r.org_id').onRef('psm.scope', '=', 'r.prev_scope').on('psm.member_id', '=', context.memberId))
    .select(['r.tbl', 'r.id', 'r.seq', 'r.scope', 'r.prev_scope', 'r.scope_changed_seq', 'r.fields', 'r.deleted_hlc', 'r.deleted_device'])
    .select(['rs.scope as restricted_scope', 'sm.member_id as listed_member'])
    .where('r.org_id', '=', context.orgId).where('r.seq', '>', after).where('r.seq', '<=', head)
    .$if(!seesAll, (query) => query.where((eb) => eb.or([
      eb('r.scope', 'is', null),
      eb('rs.scope', 'is', null),
      eb('sm.member_id', 'is not', null),
      // Moved since the cursor out of a scope the member reads: its id goes out as an eviction.
      eb.and([
        eb('r.scope_changed_seq', '>', after),
        eb.or([eb('r.prev_scope', 'is', null), eb('prs.scope', 'is', null), eb('psm.member_id', 'is not', null)]),
      ]),
    ])))
    .orderBy('r.seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    row,
    readable: seesAll || row.scope === null || row.restricted_scope === null || row.listed_member !== null,
  }));
}

/** Records the investigations a device now holds records of, so losing one of them evicts it. */
async function rememberScopesSent(db: Kysely<ServerDb>, deviceId: string, scopes: ReadonlySet<string>): Promise<void> {
  if (scopes.size === 0) return;
  await db.insertInto('device_scopes').values([...scopes].map((scope) => ({ device_id: deviceId, scope })))
    .onConflict((conflict) => conflict.columns(['device_id', 'scope']).doNothing())
    .execute();
}
