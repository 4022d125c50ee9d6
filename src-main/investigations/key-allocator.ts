// Allocates investigation keys INV-YYYY-NNNN inside the creating transaction: the year comes from
// the clock, NNNN is the next number within that year (at least four digits; a year past 9,999
// investigations simply gets longer keys). Numbers are never reused: the counter only grows, and a
// deleted investigation keeps its number. The UNIQUE constraint on investigations.key backs it up.
import type { SqliteDatabase } from '../store/database';

export function formatInvestigationKey(year: number, number: number): string {
  return `INV-${year}-${String(number).padStart(4, '0')}`;
}

export class InvestigationKeyAllocator {
  private readonly bump;

  constructor(db: SqliteDatabase) {
    // One statement: insert the year's first number or increment, and read the result back.
    this.bump = db.prepare<[number], { last_number: number }>(
      `INSERT INTO investigation_key_counters (year, last_number) VALUES (?, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number`,
    );
  }

  /** Call inside the transaction that inserts the investigation, so a rollback returns nothing twice. */
  next(now: number): string {
    const year = new Date(now).getUTCFullYear();
    const row = this.bump.get(year);
    if (!row) throw new Error('key counter did not return a number');
    return formatInvestigationKey(year, row.last_number);
  }
}
