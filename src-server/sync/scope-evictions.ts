// Scope evictions (docs/SYNC.md, "Losing access"): the investigations a device holds records of
// (`device_scopes`) that its member may no longer read. An eviction is sent with every pull until the
// device's cursor shows it committed a page that carried it: a page lost on the way must not leave
// the records on the device. Evicting twice is harmless (the records are gone the first time).
import type { Kysely } from 'kysely';
import type { DeviceContext } from '../auth/device-context';
import type { ServerDb } from '../db/schema';

/**
 * The scopes to evict in this page. Those whose eviction the device has confirmed (its cursor `after`
 * reached the page that carried it) are forgotten instead; a scope readable again drops a pending
 * confirmation, so losing it later evicts it anew.
 */
export async function scopesToEvict(db: Kysely<ServerDb>, context: DeviceContext, seesAll: boolean, after: number): Promise<string[]> {
  const lost = seesAll ? [] : await db.selectFrom('device_scopes as ds')
    .innerJoin('restricted_scopes as rs', (join) => join.on('rs.org_id', '=', context.orgId).onRef('rs.scope', '=', 'ds.scope'))
    .leftJoin('scope_members as sm', (join) => join.on('sm.org_id', '=', context.orgId).onRef('sm.scope', '=', 'ds.scope').on('sm.member_id', '=', context.memberId))
    .select(['ds.scope', 'ds.evict_confirm_seq'])
    .where('ds.device_id', '=', context.deviceId).where('sm.member_id', 'is', null)
    .orderBy('ds.scope')
    .execute();
  const lostScopes = lost.map((row) => row.scope);
  await db.updateTable('device_scopes').set({ evict_confirm_seq: null })
    .where('device_id', '=', context.deviceId).where('evict_confirm_seq', 'is not', null)
    .$if(lostScopes.length > 0, (query) => query.where('scope', 'not in', lostScopes))
    .execute();

  const confirmed = lost.filter((row) => row.evict_confirm_seq !== null && after >= row.evict_confirm_seq).map((row) => row.scope);
  if (confirmed.length > 0) {
    await db.deleteFrom('device_scopes').where('device_id', '=', context.deviceId).where('scope', 'in', confirmed).execute();
  }
  return lostScopes.filter((scope) => !confirmed.includes(scope));
}

/**
 * Notes the page that carried `scopes`' evictions. Only a page that moves the cursor can be
 * confirmed (a later pull from `next`); one that does not leaves them to be sent again.
 */
export async function awaitEvictionReceipt(db: Kysely<ServerDb>, deviceId: string, scopes: readonly string[], after: number, next: number): Promise<void> {
  if (scopes.length === 0 || next <= after) return;
  await db.updateTable('device_scopes').set({ evict_confirm_seq: next })
    .where('device_id', '=', deviceId).where('scope', 'in', [...scopes]).execute();
}
