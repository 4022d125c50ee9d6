// One-time TOTP recovery codes, stored only as SHA-256 hashes (they are random, so a fast hash suffices).
import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replace(/[\s-]/g, '')).digest('hex');
}

export class RecoveryCodesRepository {
  private readonly insertRow;
  private readonly findUnused;
  private readonly markUsed;
  private readonly retireAll;
  private readonly countUnused;

  constructor(private readonly db: SqliteDatabase, private readonly context: RowContext) {
    this.insertRow = db.prepare('INSERT INTO totp_recovery_codes (id, user_id, code_hash, created_at) VALUES (?, ?, ?, ?)');
    this.findUnused = db.prepare<[string, string], { id: string }>(
      'SELECT id FROM totp_recovery_codes WHERE user_id = ? AND code_hash = ? AND used_at IS NULL',
    );
    this.markUsed = db.prepare('UPDATE totp_recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL');
    this.retireAll = db.prepare('UPDATE totp_recovery_codes SET used_at = ? WHERE user_id = ? AND used_at IS NULL');
    this.countUnused = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM totp_recovery_codes WHERE user_id = ? AND used_at IS NULL',
    );
  }

  /** Replaces the user's codes with these. */
  replace(userId: string, codes: readonly string[]): void {
    const now = this.context.now();
    this.db.transaction(() => {
      this.retireAll.run(now, userId);
      for (const code of codes) this.insertRow.run(uuidv7(now), userId, hashRecoveryCode(code), now);
    })();
  }

  /** True when the code is valid and unused (nothing is used up). */
  isUnused(userId: string, code: string): boolean {
    return this.findUnused.get(userId, hashRecoveryCode(code)) !== undefined;
  }

  /** Uses up a code; true when it was valid and unused. */
  consume(userId: string, code: string): boolean {
    const row = this.findUnused.get(userId, hashRecoveryCode(code));
    if (!row) return false;
    return this.markUsed.run(this.context.now(), row.id).changes === 1;
  }

  retire(userId: string): void {
    this.retireAll.run(this.context.now(), userId);
  }

  remaining(userId: string): number {
    return this.countUnused.get(userId)?.n ?? 0;
  }
}
