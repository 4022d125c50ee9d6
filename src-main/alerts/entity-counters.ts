// Entity counters (alert_count, first and last seen) are derived from an import's links: summed in
// memory while batches are written and written to the entities afterwards, sorted by row key, so
// each entity row is updated once per flush instead of once per link.
import type { SqliteDatabase } from '../store/database';

export interface EntityCounters {
  /** One more link to the entity, from a row seen at `seenAt`. */
  count(entityRid: number, seenAt: number): void;
  /** Entities with counts not yet written. */
  readonly pending: number;
  /** Writes up to `limit` entities' counts (all by default), in row-key order; returns how many remain. */
  flush(limit?: number): number;
}

/** Past this many pending entities a flush is due (the import writer flushes in slices between batches). */
const MAX_PENDING_SUMS = 100_000;
/** Rows per UPDATE when the arrays by row key are written (a map never holds more than MAX_PENDING_SUMS). */
const ROWS_PER_STATEMENT = 20_000;

type CounterRow = readonly [rid: number, links: number, firstSeen: number, lastSeen: number];

function touchStatement(db: SqliteDatabase): (rows: CounterRow[]) => void {
  const touch = db.prepare<[string]>(
    `UPDATE entities SET alert_count = alert_count + s.links, first_seen_at = min(first_seen_at, s.first_seen),
       last_seen_at = max(last_seen_at, s.last_seen)
     FROM (SELECT value->>0 AS rid, value->>1 AS links, value->>2 AS first_seen, value->>3 AS last_seen FROM json_each(?)) AS s
     WHERE entities.rid = s.rid`,
  );
  return (rows) => {
    if (rows.length > 0) touch.run(JSON.stringify(rows));
  };
}

/**
 * Sums by entity in a map, for writers into a vault whose entities may be anywhere in the table: the
 * map is bounded, and a flush writes what it holds.
 */
export class SummedEntityCounters implements EntityCounters {
  private readonly sums = new Map<number, { links: number; firstSeen: number; lastSeen: number }>();
  private readonly touch;

  constructor(db: SqliteDatabase) {
    this.touch = touchStatement(db);
  }

  get pending(): number {
    return this.sums.size;
  }

  count(entityRid: number, seenAt: number): void {
    const sum = this.sums.get(entityRid);
    if (sum) {
      sum.links += 1;
      sum.firstSeen = Math.min(sum.firstSeen, seenAt);
      sum.lastSeen = Math.max(sum.lastSeen, seenAt);
      return;
    }
    if (this.sums.size >= MAX_PENDING_SUMS) this.flush();
    this.sums.set(entityRid, { links: 1, firstSeen: seenAt, lastSeen: seenAt });
  }

  flush(limit = Number.POSITIVE_INFINITY): number {
    const rows: CounterRow[] = [];
    for (const [rid, sum] of this.sums) {
      if (rows.length >= limit) break;
      rows.push([rid, sum.links, sum.firstSeen, sum.lastSeen]);
      this.sums.delete(rid);
    }
    rows.sort((a, b) => a[0] - b[0]);
    this.touch(rows);
    return this.sums.size;
  }
}

/**
 * Sums in arrays indexed by row key, for a writer that made every entity of its table itself (a
 * staged import's file: keys run from 1 up). Nothing is written until the end, and then in key order:
 * at 1M alerts (1.1M entities) the map's flushes of 100k entities scattered over the table took 35 s
 * (docs/PERFORMANCE.md). 20 bytes an entity, up to half as much again unused.
 */
export class DenseEntityCounters implements EntityCounters {
  private links = new Int32Array(1 << 16);
  private firstSeen = new Float64Array(1 << 16);
  private lastSeen = new Float64Array(1 << 16);
  private counted = 0;
  /** Keys below this are written. */
  private written = 0;
  private highest = 0;
  private readonly touch;

  constructor(db: SqliteDatabase) {
    this.touch = touchStatement(db);
  }

  get pending(): number {
    return this.counted;
  }

  count(entityRid: number, seenAt: number): void {
    if (entityRid < this.written) throw new Error(`Entity ${entityRid} counted after its counts were written`);
    if (entityRid >= this.links.length) this.grow(entityRid);
    if (this.links[entityRid] === 0) {
      this.counted += 1;
      this.firstSeen[entityRid] = seenAt;
      this.lastSeen[entityRid] = seenAt;
    } else {
      this.firstSeen[entityRid] = Math.min(this.firstSeen[entityRid] as number, seenAt);
      this.lastSeen[entityRid] = Math.max(this.lastSeen[entityRid] as number, seenAt);
    }
    this.links[entityRid] = (this.links[entityRid] as number) + 1;
    this.highest = Math.max(this.highest, entityRid);
  }

  /** Writes a statement's worth of rows at a time: all 1.1M entities' rows at once outgrew the import worker's heap. */
  flush(limit = Number.POSITIVE_INFINITY): number {
    let left = limit;
    while (left > 0 && this.counted > 0) {
      const rows: CounterRow[] = [];
      let rid = this.written;
      for (; rid <= this.highest && rows.length < Math.min(left, ROWS_PER_STATEMENT); rid += 1) {
        const links = this.links[rid] as number;
        if (links > 0) rows.push([rid, links, this.firstSeen[rid] as number, this.lastSeen[rid] as number]);
      }
      this.touch(rows);
      this.written = rid;
      this.counted -= rows.length;
      left -= rows.length;
    }
    return this.counted;
  }

  private grow(rid: number): void {
    // By half again, not double: at 1.1M entities doubling left 0.9M unused entries (18 MB).
    let size = this.links.length;
    while (size <= rid) size = Math.ceil(size * 1.5);
    const grown = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.links = grown(this.links, (n) => new Int32Array(n));
    this.firstSeen = grown(this.firstSeen, (n) => new Float64Array(n));
    this.lastSeen = grown(this.lastSeen, (n) => new Float64Array(n));
  }
}
