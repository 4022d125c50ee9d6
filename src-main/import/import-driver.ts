// The one import driver, whatever is imported: records from the reader (file-reader.ts) go through
// the kind's mapper (record → row, or a rejection with its reason), its resolver (what is decided
// within the file, without the vault), and its writer (batches resolved against the vault and
// written in transactions), with the batching, the event-loop turns, cancellation, progress, the two
// modes and the rejection report written here once.
//
// Alerts (import/alerts/) and investigations (import/investigations/) each supply the three stages.
// The mapper and resolver never see a database handle; the writer takes plain rows a batch at a time
// and returns plain outcomes, so it can later run on a worker thread with its own connection.
//
// Modes: "good rows" writes the valid rows and reports the rejected ones by line; "all or nothing"
// writes nothing when any row is rejected. A streaming resolver hands rows to the writer as they are
// read, so a rejection found late is taken back by the writer's abandon() (alerts: the undo journal);
// a resolver that holds rows until the file is read lets the mode refuse before anything is written.
import { performance } from 'node:perf_hooks';
import { throwIfCancelled } from '../jobs/job-registry';
import type { ImportRecord, RowValues } from './file-reader';

export type ImportMode = 'good_rows' | 'all_or_nothing';

/** Reasons kept in memory; beyond this only the count grows, so a garbage file cannot exhaust memory. */
export const MAX_REPORTED_REJECTIONS = 10_000;

/** Records between event-loop yields (and cancellation checks): keeps the main thread answering. */
const YIELD_EVERY = 250;
/** Records between progress reports while reading. */
const PROGRESS_EVERY = 10_000;

/** A row as its writer takes it, or why the import rejects it. */
export type Mapped<Row> = { ok: true; row: Row } | { ok: false; reason: string };

/** Record → row. Pure: no database, no state that outlives the import. */
export type RowMapper<Row> = (values: RowValues) => Mapped<Row>;

/** A row the resolver releases for writing, with the line it came from. */
export interface ReleasedRow<Row> {
  line: number;
  row: Mapped<Row>;
}

/**
 * What is decided within the file, before the writer: passing each row on as it comes (alerts, whose
 * folds are decided against the vault by the writer), or holding rows until the whole file is read
 * (a case export, where the latest row of each case wins) and mapping the survivors once more.
 */
export interface RowResolver<Mapped, Row> {
  /** True when add() releases rows as they come; false when drain() releases them all at the end. */
  readonly streams: boolean;
  /** One mapped row; `order` counts the records read so far. Returns the rows to write now. */
  add(row: Mapped, line: number, order: number): Iterable<Row>;
  /** Once the file is read: the rows held back, each mapped to its final row or rejected. */
  drain(): Iterable<ReleasedRow<Row>>;
}

/** Rows per batch: fixed, or following each batch's measured time towards a target. */
export type BatchSizing = { fixed: number } | { targetMs: number; first: number; min: number; max: number };

/** Counts the writer records on the import when it finishes. */
export interface ImportCounts<Outcome extends string> {
  read: number;
  rejected: number;
  outcomes: Readonly<Record<Outcome, number>>;
}

/**
 * Batches into the vault. Plain data in (structured-cloneable rows) and out (one outcome per row, in
 * order), so a writer can run where the connection is. It owns the transactions and whatever takes
 * an import back.
 */
export interface ImportWriter<Row, Outcome extends string> {
  /** Every outcome writeBatch can return: the summary counts each. */
  readonly outcomes: readonly Outcome[];
  readonly batching: BatchSizing;
  /** Records that the import began (its `imports` row); before the first batch. */
  begin(): void;
  /** Resolves one batch against the vault and writes it; each row's outcome in the batch's order. */
  writeBatch(rows: readonly Row[]): Outcome[] | Promise<Outcome[]>;
  /** Housekeeping between batches that may wait (alerts: the WAL checkpoint, entity counters). */
  afterBatch?(): Promise<void>;
  /** Makes the import final with its counts. */
  finish(counts: ImportCounts<Outcome>): Promise<void>;
  /** Takes back what begin() and the batches wrote: the import was refused, cancelled or failed. */
  abandon(): Promise<void>;
  /** Always last, however the import ended. */
  close?(): void;
}

export interface ImportStages<MappedRow, Row, Outcome extends string> {
  mode: ImportMode;
  mapper: RowMapper<MappedRow>;
  resolver: RowResolver<MappedRow, Row>;
  writer: ImportWriter<Row, Outcome>;
  /** Aborted by jobs.cancel: what was written is taken back and the import reports CANCELLED. */
  signal?: AbortSignal | undefined;
  /**
   * Records read (phase "reading"); when the resolver holds rows, then rows written (phase
   * "writing"), after each batch and at the end.
   */
  onProgress?: ((done: number, phase: 'reading' | 'writing') => void) | undefined;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportRun<Outcome extends string> {
  /** False when nothing was written: "all or nothing" with rejected rows. */
  committed: boolean;
  read: number;
  /** Rows the resolver released at the end of the file (a case export's distinct cases). */
  released: number;
  rejected: number;
  rejectedRows: RejectedRow[];
  outcomes: Record<Outcome, number>;
  ms: number;
}

export async function runImport<MappedRow, Row, Outcome extends string>(
  records: AsyncIterable<ImportRecord>,
  stages: ImportStages<MappedRow, Row, Outcome>,
  started: number = performance.now(),
): Promise<ImportRun<Outcome>> {
  const { mapper, resolver, writer, signal } = stages;
  const onProgress = stages.onProgress ?? (() => undefined);
  const noOutcomes = () => Object.fromEntries(writer.outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
  const run: ImportRun<Outcome> = { committed: false, read: 0, released: 0, rejected: 0, rejectedRows: [], outcomes: noOutcomes(), ms: 0 };
  const reject = (line: number, reason: string) => {
    run.rejected += 1;
    if (run.rejectedRows.length < MAX_REPORTED_REJECTIONS) run.rejectedRows.push({ line, reason });
  };
  const ended = (committed: boolean): ImportRun<Outcome> => ({ ...run, committed, ms: Math.round(performance.now() - started) });
  // "All or nothing" with a bad row will import nothing: stop writing, keep reading to report every bad row.
  const refused = () => stages.mode === 'all_or_nothing' && run.rejected > 0;

  const sizing = writer.batching;
  let batchRows = 'fixed' in sizing ? sizing.fixed : sizing.first;
  let written = 0;
  let batch: Row[] = [];
  const writeBatch = async () => {
    if (batch.length === 0 || refused()) {
      batch = [];
      return;
    }
    const rows = batch;
    batch = [];
    const startedBatch = performance.now();
    const outcomes = await writer.writeBatch(rows);
    if (!('fixed' in sizing)) {
      const msPerRow = (performance.now() - startedBatch) / rows.length;
      batchRows = Math.round(Math.min(sizing.max, Math.max(sizing.min, sizing.targetMs / Math.max(msPerRow, 1e-3))));
    }
    for (const outcome of outcomes) run.outcomes[outcome] += 1;
    written += rows.length;
  };
  /** A full batch: written, then a turn of the event loop before the next. */
  const writeFullBatch = async () => {
    await writeBatch();
    if (!resolver.streams) onProgress(written, 'writing');
    await nextTurn();
    await writer.afterBatch?.();
    throwIfCancelled(signal);
  };
  const take = async (rows: Iterable<Row>) => {
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= batchRows) await writeFullBatch();
    }
  };

  let begun = false;
  const begin = () => {
    writer.begin();
    begun = true;
  };
  try {
    // A streaming import writes as it reads, so it is recorded before the first record.
    if (resolver.streams) begin();
    try {
      for await (const record of records) {
        run.read += 1;
        if ('error' in record) {
          reject(record.line, record.error);
        } else {
          const mapped = mapper(record.values);
          if (mapped.ok) await take(resolver.add(mapped.row, record.line, run.read));
          else reject(record.line, mapped.reason);
        }
        if (run.read % YIELD_EVERY === 0) {
          await nextTurn();
          throwIfCancelled(signal);
        }
        if (run.read % PROGRESS_EVERY === 0) onProgress(run.read, 'reading');
      }
      const held: Row[] = [];
      for (const released of resolver.drain()) {
        run.released += 1;
        if (released.row.ok) held.push(released.row.row);
        else reject(released.line, released.row.reason);
      }
      if (!begun && refused()) return ended(false);
      if (!begun) begin();
      await take(held);
      await writeBatch();
      if (refused()) {
        await writer.abandon();
        return { ...ended(false), outcomes: noOutcomes() };
      }
      await writer.finish({ read: run.read, rejected: run.rejected, outcomes: run.outcomes });
    } catch (error) {
      // Cancelled or failed: take back what was written, then report the first failure. Should that
      // fail too, the writer's own recovery (alerts: the undo at the next unlock) finishes it.
      if (begun) await writer.abandon().catch(() => undefined);
      throw error;
    }
    onProgress(resolver.streams ? run.read : written, resolver.streams ? 'reading' : 'writing');
    return ended(true);
  } finally {
    writer.close?.();
  }
}

/** A resolver that passes each row on as it comes: nothing to decide within the file. */
export function streamingResolver<Row>(): RowResolver<Row, Row> {
  return { streams: true, add: (row) => [row], drain: () => [] };
}

/** Lets the event loop answer other requests between slices of an import. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
