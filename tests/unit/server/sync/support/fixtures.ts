// Organisations, members and devices for the sync services' tests, made with plain inserts (the
// enrolment flow is tested on its own), and a test device that numbers its pushes like a vault does.
import type { Kysely } from 'kysely';
import type { Role } from '../../../../../src-shared/permissions';
import type { PulledRecord, PullItem, PushedChange, PushResponse } from '../../../../../src-shared/sync-protocol';
import { SYNC_PROTOCOL, SYNC_SCHEMA } from '../../../../../src-shared/sync-protocol';
import type { SyncTable } from '../../../../../src-shared/sync-tables';
import type { DeviceContext } from '../../../../../src-server/auth/device-context';
import type { ServerDb } from '../../../../../src-server/db/schema';
import { applyPush } from '../../../../../src-server/sync/push';
import { readPull } from '../../../../../src-server/sync/pull';
import type { JsonValue } from '../../../../../src-server/sync/stamps';

/** The server's clock in these tests: a fixed instant, stamps are made relative to it. */
export const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

export function hlcAt(ms: number, counter = 0): string {
  return `${ms.toString().padStart(15, '0')}-${counter.toString(16).padStart(6, '0')}`;
}

export async function createOrg(db: Kysely<ServerDb>, orgId: string): Promise<void> {
  await db.insertInto('orgs').values({ id: orgId, name: `Org ${orgId}`, created_at: NOW }).execute();
}

/** A member with one device: the context the server would establish from that device's token. */
export async function addMemberDevice(db: Kysely<ServerDb>, orgId: string, memberId: string, role: Role, deviceId: string): Promise<DeviceContext> {
  const member = await db.selectFrom('members').select('id').where('org_id', '=', orgId).where('id', '=', memberId).executeTakeFirst();
  if (member === undefined) await db.insertInto('members').values({ org_id: orgId, id: memberId, name: memberId, role, created_at: NOW, disabled_at: null }).execute();
  await db.insertInto('devices').values({ id: deviceId, org_id: orgId, member_id: memberId, name: deviceId, credential_hash: 'x'.repeat(64), enrolled_at: NOW, revoked_at: null, last_seen_at: null, audit_seq: null, audit_hash: null, audit_mismatch_at: null, clock_ahead_ms: null }).execute();
  return { orgId, deviceId, memberId, role };
}

export type ChangeInput = Omit<PushedChange, 'seq'>;

/** A change setting `values`, every field stamped `hlc` over `base`. */
export function edit(table: SyncTable, id: string, values: Record<string, JsonValue>, hlc: string, base: string | null = null): ChangeInput {
  return { table, id, fields: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, hlc, base }])) };
}

export function deletion(table: SyncTable, id: string, hlc: string): ChangeInput {
  return { table, id, fields: {}, deleted: { hlc } };
}

/** A device as the server sees it: pushes numbered from its own change log, pulls from its own cursor. */
export class TestDevice {
  /** The last change-log seq this device pushed (and the server acknowledged). */
  pushedSeq = 0;
  cursor = 0;

  constructor(readonly db: Kysely<ServerDb>, readonly context: DeviceContext) {}

  /** Pushes `changes` as the next batch, each with its own change-log seq. */
  async push(changes: readonly ChangeInput[], now = NOW): Promise<PushResponse> {
    const request = this.nextBatch(changes);
    const response = await applyPush(this.db, this.context, request, now);
    this.pushedSeq = response.pushedSeq;
    return response;
  }

  nextBatch(changes: readonly ChangeInput[]): Parameters<typeof applyPush>[2] {
    const after = this.pushedSeq;
    return {
      protocol: SYNC_PROTOCOL,
      schema: SYNC_SCHEMA,
      batch: { after, upto: after + changes.length },
      changes: changes.map((change, index) => ({ ...change, seq: after + index + 1 })),
      auditHead: null,
    };
  }

  /** Pulls every page from the cursor on, moving it; returns every item in order. */
  async pullAll(limit = 100): Promise<PullItem[]> {
    const items: PullItem[] = [];
    for (;;) {
      const page = await readPull(this.db, this.context, { protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, after: this.cursor, limit });
      items.push(...page.items);
      this.cursor = page.next;
      if (!page.more) return items;
    }
  }
}

export function recordsOf(items: readonly PullItem[]): PulledRecord[] {
  return items.flatMap((item) => ('record' in item ? [item.record] : []));
}

export function valuesOf(record: PulledRecord | undefined): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(record?.fields ?? {}).map(([name, field]) => [name, field.value]));
}

/** The server's record of (table, id) in `orgId`, as a pull would carry it, or undefined. */
export async function heldRecord(db: Kysely<ServerDb>, orgId: string, table: SyncTable, id: string): Promise<{ seq: number; scope: string | null; fields: Record<string, { value: JsonValue; hlc: string; device: string }>; deleted: boolean } | undefined> {
  const row = await db.selectFrom('records').selectAll().where('org_id', '=', orgId).where('tbl', '=', table).where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  return { seq: row.seq, scope: row.scope, fields: JSON.parse(row.fields) as Record<string, { value: JsonValue; hlc: string; device: string }>, deleted: row.deleted_hlc !== null };
}
