// The records the sync bench moves: alerts as an analyst's vault pushes them (15 fields: source,
// rule, title, description, severity, status, fingerprint, times, a raw source row of ~300 bytes…),
// the same alerts as the server stores them (for seeding a first sync straight into `records`), and
// the floor: the same JSON rows in a bare table with a plain multi-row INSERT, no server. The alerts'
// ids are what a vault gives them (store/ids.ts: UUIDv7, ordered by creation time).
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ServerDb } from '../../src-server/db/schema';
import type { SqliteDatabase } from '../../src-main/store/database';
import type { PushedChange, StoredField } from '../../src-shared/sync-protocol';
import { formatHlc } from '../../src-main/store/hlc';
import { uuidv7 } from '../../src-main/store/ids';
import { storedFingerprint } from '../../src-main/alerts/fingerprint';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const RULES = ['Impossible travel', 'Password spray', 'New admin grant', 'Mailbox forwarding rule', 'Rare process on server'];

/** An alert's fields, by column, for alert number `i` written around `at`. */
export function alertValues(i: number, at: number, tag: string): Record<string, string | number | null> {
  const rule = RULES[i % RULES.length] as string;
  const user = `user${i % 997}@example.com`;
  const ip = `198.51.${(i >> 8) & 255}.${i & 255}`;
  return {
    source: 'siem',
    external_id: `${tag}-${i}`,
    rule,
    title: `${rule} for ${user}`,
    description: `${rule} seen for ${user} from ${ip}; ${i % 7} related sign-ins in the hour before.`,
    severity: SEVERITIES[i % SEVERITIES.length] as string,
    status: 'new',
    dismiss_reason: null,
    investigation_id: null,
    // As a vault stores one (alerts/fingerprint.ts): a SHA-256, cut to 22 base64url characters; its
    // index is keyed by a hash, so a page's inserts land all over it, as a real first sync's do.
    fingerprint: storedFingerprint(createHash('sha256').update(`${tag}:${i}`).digest('base64url')),
    occurred_at: at - (i % 3_600_000),
    last_seen_at: at,
    occurrences: 1 + (i % 3),
    raw: JSON.stringify({ id: `${tag}-${i}`, rule, user, src_ip: ip, host: `host-${i % 311}`, process: 'powershell.exe', action: 'allowed', tenant: 'acme', geo: 'NL', ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' }),
    created_at: at,
  };
}

export function hlcAt(wallMs: number, counter = 0): string {
  return formatHlc({ wallMs, counter });
}

/** A new alert as a device pushes it: every field stamped with the edit's HLC, no base (a new record). */
export function pushedAlert(id: string, seq: number, values: Record<string, unknown>, hlc: string): PushedChange {
  const fields: PushedChange['fields'] = {};
  for (const [name, value] of Object.entries(values)) fields[name] = { value: value as PushedChange['fields'][string]['value'], hlc, base: null };
  return { table: 'alerts', id, seq, fields };
}

/** The same alert as the server keeps it (`records.fields`): each field with its stamp and device. */
export function storedAlertFields(values: Record<string, unknown>, hlc: string, device: string): string {
  const fields: Record<string, StoredField> = {};
  for (const [name, value] of Object.entries(values)) fields[name] = { value: value as StoredField['value'], hlc, device };
  return JSON.stringify(fields);
}

const SEED_ROWS_PER_INSERT = 500;

/**
 * Seeds `count` alerts straight into the organisation's `records` (sequences 1..count) and moves its
 * sequence to the last: what `count` pushed alerts leave behind, without pushing them (a first
 * sync's bench measures the pull, not how the server was filled).
 */
export async function seedAlertRecords(db: Kysely<ServerDb>, orgId: string, count: number, device: string): Promise<void> {
  const at = Date.now() - 86_400_000;
  for (let start = 0; start < count; start += SEED_ROWS_PER_INSERT) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + SEED_ROWS_PER_INSERT); i += 1) {
      const hlc = hlcAt(at + i);
      rows.push({
        org_id: orgId, tbl: 'alerts', id: uuidv7(at + i), seq: i + 1, scope: null, prev_scope: null, scope_changed_seq: null,
        fields: storedAlertFields(alertValues(i, at + i, 'seed'), hlc, device), deleted_hlc: null, deleted_device: null,
      });
    }
    await db.insertInto('records').values(rows).execute();
  }
  await db.updateTable('orgs').set({ seq: count }).where('id', '=', orgId).execute();
}

/**
 * The database's own insert rate for the rows a push stores: `batches` transactions of `perBatch`
 * JSON rows (id, sequence, fields) each one multi-row INSERT into a bare table with only its
 * primary key. Returns rows per second.
 */
export async function bareInsertRate(db: Kysely<ServerDb>, batches: number, perBatch: number): Promise<number> {
  await sql`CREATE TABLE bench_floor (id text PRIMARY KEY, seq bigint NOT NULL, fields text NOT NULL)`.execute(db);
  try {
    const at = Date.now();
    const payloads = Array.from({ length: perBatch }, (_, i) => storedAlertFields(alertValues(i, at, 'floor'), hlcAt(at), 'floor-device'));
    const started = performance.now();
    for (let b = 0; b < batches; b += 1) {
      const values = payloads.map((fields, i) => sql`(${randomUUID()}, ${b * perBatch + i + 1}, ${fields})`);
      await db.transaction().execute((trx) => sql`INSERT INTO bench_floor (id, seq, fields) VALUES ${sql.join(values)}`.execute(trx));
    }
    return (batches * perBatch * 1000) / (performance.now() - started);
  } finally {
    await sql`DROP TABLE bench_floor`.execute(db);
  }
}

/**
 * The vault's own insert of the alerts a first sync brings: `count` of them, each row as a pull leaves
 * it (the same values, a version), `perTransaction` a transaction, written straight into an empty
 * vault's `alerts` on its connection, so its indexes and the triggers' full text and rollups do what
 * they do for any writer. No merge, no clock, no HTTP. Returns the seconds it took.
 */
export function vaultAlertInsertSeconds(db: SqliteDatabase, count: number, perTransaction: number): number {
  const at = Date.now() - 86_400_000;
  const columns = ['id', ...Object.keys(alertValues(0, at, 'floor')), 'updated_at', 'updated_hlc', 'origin_device'];
  const insert = db.prepare(`INSERT INTO alerts (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const write = db.transaction((start: number) => {
    for (let i = start; i < Math.min(count, start + perTransaction); i += 1) {
      insert.run({ id: uuidv7(at + i), ...alertValues(i, at + i, 'floor'), updated_at: at + i, updated_hlc: hlcAt(at + i), origin_device: 'floor-device' });
    }
  });
  const started = performance.now();
  for (let start = 0; start < count; start += perTransaction) write.immediate(start);
  return (performance.now() - started) / 1000;
}
