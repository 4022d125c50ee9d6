// The server's schema, one list for SQLite and PostgreSQL (Kysely's schema builder writes each
// dialect's SQL). Forward-only; Kysely's migrator records what ran in its own tables, under a lock,
// so two instances starting on one PostgreSQL run each migration once.
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres } from './dialect';

/** Kysely's migrations see the database untyped: the schema is what they create. */
type AnyDb = Kysely<unknown>;

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('server_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('orgs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createTable('members')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .addPrimaryKeyConstraint('members_pk', ['org_id', 'id'])
      .execute();
    await db.schema.createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('credential_hash', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('last_seen_at', 'bigint')
      .addColumn('pushed_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('audit_seq', 'bigint')
      .addColumn('audit_hash', 'text')
      .addColumn('audit_mismatch_at', 'bigint')
      .addColumn('clock_ahead_ms', 'bigint')
      .addForeignKeyConstraint('devices_member', ['org_id', 'member_id'], 'members', ['org_id', 'id'])
      .execute();
    await db.schema.createIndex('devices_org').on('devices').columns(['org_id', 'member_id']).execute();
    await db.schema.createTable('enrol_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('device_id', 'text')
      .addForeignKeyConstraint('enrol_tokens_member', ['org_id', 'member_id'], 'members', ['org_id', 'id'])
      .execute();
    await db.schema.createTable('records')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('tbl', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('scope', 'text')
      .addColumn('prev_scope', 'text')
      .addColumn('scope_changed_seq', 'bigint')
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('deleted_hlc', 'text')
      .addColumn('deleted_device', 'text')
      .addPrimaryKeyConstraint('records_pk', ['org_id', 'tbl', 'id'])
      .execute();
    // Pulls: the organisation's records after a cursor, in sequence order.
    await db.schema.createIndex('records_seq').on('records').columns(['org_id', 'seq']).unique().execute();
    // Eviction of a scope and backfill: a scope's records.
    await db.schema.createIndex('records_scope').on('records').columns(['org_id', 'scope', 'seq']).execute();
    await db.schema.createTable('restricted_scopes')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('restricted_scopes_pk', ['org_id', 'scope'])
      .execute();
    await db.schema.createTable('scope_members')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scope_members_pk', ['org_id', 'scope', 'member_id'])
      .execute();
    await db.schema.createTable('device_scopes')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_scopes_pk', ['device_id', 'scope'])
      .execute();
  },
};

// Backfill on gained access (docs/SYNC.md, "Gaining access"): the restricted scopes a device's
// cursor passed without it being sent their records, and the backfills under way. And a scope
// eviction kept until the device's cursor shows it committed the page that carried it.
const backfill: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('device_scopes').addColumn('evict_confirm_seq', 'bigint').execute();
    await db.schema.createTable('device_denied_scopes')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_denied_scopes_pk', ['device_id', 'scope'])
      .execute();
    await db.schema.createTable('device_backfills')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('upto', 'bigint', (c) => c.notNull())
      .addColumn('done_seq', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_backfills_pk', ['device_id', 'scope'])
      .execute();
  },
};

// Batch parts (docs/SYNC.md, "Push", "Parts"): how far into one change-log entry a device's pushes
// have come, when the entry is too big for one push. Both null between entries.
const pushParts: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('devices').addColumn('pushed_part_seq', 'bigint').execute();
    await db.schema.alterTable('devices').addColumn('pushed_part_offset', 'bigint').execute();
  },
};

// Evidence blobs (docs/SYNC.md, "Evidence blobs"): per organisation, keyed by SHA-256, so one file
// added to several cases (or by several devices) is held once per organisation and never shared
// with another. The chunks live in the database beside the records (bytea on PostgreSQL, BLOB on SQLite).
const evidenceBlobs: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('blobs')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .addPrimaryKeyConstraint('blobs_pk', ['org_id', 'sha256'])
      .execute();
    await db.schema.createTable('blob_chunks')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('idx', 'integer', (c) => c.notNull())
      // The one type the two dialects spell differently.
      .addColumn('bytes', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_chunks_pk', ['org_id', 'sha256', 'idx'])
      .addForeignKeyConstraint('blob_chunks_blob', ['org_id', 'sha256'], 'blobs', ['org_id', 'sha256'])
      .execute();
    // Every blob call asks which evidence records name a hash (src-server/sync/blobs.ts): an index on
    // the hash inside the record's JSON, evidence rows only, in each dialect's JSON syntax (the
    // query spells the same expression).
    const evidenceSha256 = isPostgres(db)
      ? sql`((fields::jsonb) -> 'sha256' ->> 'value')`
      : sql`json_extract(fields, '$.sha256.value')`;
    await sql`CREATE INDEX records_evidence_sha256 ON records (org_id, ${evidenceSha256}) WHERE tbl = 'evidence'`.execute(db);
  },
};

// Audit rows (docs/SYNC.md, "Audit rows"): each device's audit log as it sent it, row by row, with
// the canonical text its chain hashed, so the server's copy can be checked again at any time and a
// rewrite on the device is proven against it. Read by members with `audit_access`, sent to no device.
const auditRows: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('audit_rows')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('canonical', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_rows_pk', ['org_id', 'device_id', 'seq'])
      .execute();
    await db.schema.alterTable('devices').addColumn('audit_mismatch_seq', 'bigint').execute();
    await db.schema.alterTable('devices').addColumn('audit_mismatch_reason', 'text').execute();
  },
};

/** Every migration, by name in the order they run. */
export const SERVER_MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-backfill-and-eviction-receipts': backfill,
  '003-push-parts': pushParts,
  '004-evidence-blobs': evidenceBlobs,
  '005-audit-rows': auditRows,
};

export const serverMigrations: MigrationProvider = {
  getMigrations: () => Promise.resolve(SERVER_MIGRATIONS),
};
