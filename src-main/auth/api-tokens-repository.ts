// The api_tokens table (schema v16): who owns each token, the role it is bound to, when it expires,
// was revoked and last used. The secret itself is never stored, only its SHA-256.
import type { Role } from '../../src-shared/permissions';
import type { SqliteDatabase } from '../store/database';

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  role: Role;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

interface ApiTokenRow {
  id: string; user_id: string; name: string; role: Role; created_at: number; expires_at: number | null; revoked_at: number | null; last_used_at: number | null;
}

const toRecord = (r: ApiTokenRow): ApiTokenRecord => ({
  id: r.id, userId: r.user_id, name: r.name, role: r.role, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
});

const COLUMNS = 'id, user_id, name, role, created_at, expires_at, revoked_at, last_used_at';

export class ApiTokensRepository {
  private readonly insertRow;
  private readonly byId;
  private readonly byHash;
  private readonly ofUserRows;
  private readonly allRows;
  private readonly revokeRow;
  private readonly usedRow;

  constructor(db: SqliteDatabase) {
    this.insertRow = db.prepare('INSERT INTO api_tokens (id, user_id, name, role, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.byId = db.prepare<[string], ApiTokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`);
    this.byHash = db.prepare<[string], ApiTokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = ?`);
    this.ofUserRows = db.prepare<[string], ApiTokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id`);
    this.allRows = db.prepare<[], ApiTokenRow>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at DESC, id`);
    this.revokeRow = db.prepare('UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL');
    this.usedRow = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  }

  insert(token: Omit<ApiTokenRecord, 'revokedAt' | 'lastUsedAt'> & { tokenHash: string }): void {
    this.insertRow.run(token.id, token.userId, token.name, token.role, token.tokenHash, token.createdAt, token.expiresAt);
  }

  get(id: string): ApiTokenRecord | null {
    const row = this.byId.get(id);
    return row ? toRecord(row) : null;
  }

  findByHash(tokenHash: string): ApiTokenRecord | null {
    const row = this.byHash.get(tokenHash);
    return row ? toRecord(row) : null;
  }

  ofUser(userId: string): ApiTokenRecord[] {
    return this.ofUserRows.all(userId).map(toRecord);
  }

  all(): ApiTokenRecord[] {
    return this.allRows.all().map(toRecord);
  }

  revoke(id: string, by: string, at: number): boolean {
    return this.revokeRow.run(at, by, id).changes > 0;
  }

  markUsed(id: string, at: number): void {
    this.usedRow.run(at, id);
  }
}
