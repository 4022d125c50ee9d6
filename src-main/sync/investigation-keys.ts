// Investigation keys (INV-YYYY-NNNN) are numbered by each vault (investigations/key-allocator.ts) and
// unique in it; two vaults that each open a case offline give both the same key. A pull must hold both
// (docs/SYNC.md, "Investigation keys"): the case created first keeps the key, the other shows it with
// a short part of its own id (`INV-2026-0001-3fa9c2`). Every vault decides by the same two synced
// fields (created_at, then id), so each case shows the same key everywhere, whichever it pulled first.
//
// The key a vault shows is the column; the one the case was numbered with stays in its stamps, and a
// pulled key reserves its number (the year's counter moves past it), so this vault's next key is new.
import type { StatementCache } from '../store/statement-cache';

interface KeyedCase {
  id: string;
  created_at: number | null;
}

/** Whether `a` was created before `b`: by creation time, then by id (ids never tie). */
function createdFirst(a: KeyedCase, b: KeyedCase): boolean {
  const at = a.created_at ?? Number.MAX_SAFE_INTEGER;
  const bt = b.created_at ?? Number.MAX_SAFE_INTEGER;
  return at !== bt ? at < bt : a.id < b.id;
}

/** The key shown for a case whose key another case created first holds. */
export function keySetApart(key: string, id: string): string {
  return `${key}-${id.replace(/-/g, '').slice(-6)}`;
}

/**
 * The key the pulled case `incoming` is to hold for `key`: the key itself when no other case holds
 * it, or holds it but was created later (that one is then set apart), else the key set apart.
 */
export function keyToHold(statements: StatementCache, incoming: KeyedCase, key: string): string {
  const holder = statements.get('SELECT id, created_at FROM investigations WHERE key = ? AND id <> ?').get(key, incoming.id) as KeyedCase | undefined;
  if (!holder) return key;
  if (!createdFirst(incoming, holder)) return keySetApart(key, incoming.id);
  statements.get('UPDATE investigations SET key = ? WHERE id = ?').run(keySetApart(key, holder.id), holder.id);
  return key;
}
