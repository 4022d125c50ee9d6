// The bench's storage table is what docs quote for issue 13's bytes-per-alert goal: its lines must
// add up to the file and name the table each b-tree belongs to.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/store/database';
import { vaultStorage } from '../../perf/vault-storage';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function filledDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-vault-storage-'));
  dirs.push(dir);
  const path = join(dir, 'vault.db');
  const db = openDatabase(path, { key: randomBytes(32) });
  db.exec(`
    CREATE TABLE alerts (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
    CREATE INDEX alerts_title ON alerts(title);
    CREATE VIRTUAL TABLE alerts_fts USING fts5(title, content='alerts', content_rowid='id');
  `);
  const insert = db.prepare('INSERT INTO alerts (title) VALUES (?)');
  const text = db.prepare('INSERT INTO alerts_fts (rowid, title) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= 3000; i += 1) {
      const title = `alert ${i} about ${randomBytes(40).toString('hex')}`;
      insert.run(title);
      text.run(i, title);
    }
  })();
  return { db, path };
}

describe('vault storage table', () => {
  it('divides the checkpointed file by the alerts and attributes each b-tree to its table', () => {
    const { db, path } = filledDatabase();
    try {
      const storage = vaultStorage(db, path, 'Where the bytes go');
      expect(storage.alerts).toBe(3000);
      expect(storage.fileBytes).toBe(statSync(path).size);
      const line = (name: string) => storage.table.rows.find((cells) => cells[0] === name);
      expect(line('whole file')?.[4]).toBe((storage.fileBytes / 3000).toFixed(1));
      expect(line('alerts_title')?.[1]).toBe('alerts');
      expect(line('alerts_fts_data')?.[1]).toBe('alerts_fts');
      // Every b-tree line, the folded small ones and the free pages add up to the file.
      const parts = storage.table.rows.filter((cells) => cells[0] !== 'whole file').reduce((sum, cells) => sum + Number(cells[3]), 0);
      expect(parts).toBeCloseTo(storage.fileBytes / 1e6, 0);
    } finally {
      db.close();
    }
  });
});
