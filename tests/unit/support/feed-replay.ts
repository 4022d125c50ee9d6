// Plays a sync's receiving side for the alert tables, as simply as it can be done: reads another
// vault's change feed from a cursor (store/change-feed.ts) and writes what each entry names into this
// vault — whole rows for a batch, the named fields for a row entry, links and sightings when named. A
// row that changed without an entry naming it, or a field an entry forgets, is missing here after.
import { ChangeFeed, type FeedPayload } from '../../../src-main/store/change-feed';
import { WHOLE_ROWS } from '../../../src-main/store/change-log';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { INSERT_LINK_BY_IDS_SQL } from '../../../src-main/alerts/alert-links';
import { DeviceNumbers } from '../../../src-main/store/devices';

/** Fields that are not columns: they name the alert's links and sightings. */
const NOT_COLUMNS = new Set(['entities', 'sightings']);
/** Every change moves these with it. */
const ROW_VERSION = ['updated_at', 'updated_hlc', 'origin_device'];

/** Replays every entry after `cursor`; returns the new cursor and how many entries it read. */
export function replayFeed(from: SqliteDatabase, into: SqliteDatabase, cursor: number): { cursor: number; entries: number } {
  let entries = 0;
  const feed = new ChangeFeed(from);
  // The receiver has no imports or users rows of the sender's (sync ships those separately).
  into.pragma('foreign_keys = OFF');
  try {
    for (;;) {
      const page = feed.read(cursor, 200);
      if (page.length === 0) return { cursor, entries };
      into.transaction(() => {
        for (const entry of page) {
          const payload = feed.payload(entry);
          if (payload) apply(into, entry.table, payload);
        }
      })();
      entries += page.length;
      cursor = page[page.length - 1]?.seq ?? cursor;
    }
  } finally {
    into.pragma('foreign_keys = ON');
  }
}

function apply(db: SqliteDatabase, table: string, payload: FeedPayload): void {
  const devices = new DeviceNumbers(db);
  for (const row of payload.rows) {
    // The feed names the device by id; this vault records its own number for it.
    if (typeof row.origin_device === 'string') row.origin_device = devices.numberOf(row.origin_device);
    if (payload.fields === WHOLE_ROWS) {
      const columns = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
        ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`).run(row);
      continue;
    }
    const columns = [...payload.fields.filter((f) => !NOT_COLUMNS.has(f)), ...ROW_VERSION];
    db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run(row);
  }
  const link = db.prepare(INSERT_LINK_BY_IDS_SQL);
  for (const { alertId, entityId, origin } of payload.links) link.run({ alertId, entityId, origin });
  const sighting = db.prepare('INSERT OR IGNORE INTO alert_sightings (source, external_id, alert_id, occurred_at) VALUES (?, ?, ?, ?)');
  for (const s of payload.sightings) sighting.run(s.source, s.externalId, s.alertId, s.occurredAt);
}
