// The entity keys a writer has met lately, so repeated entities are not looked up again. Bounded in
// two generations: when the newer fills, it becomes the older and the oldest is dropped, and a key
// found in the older moves to the newer — entities that keep coming (a busy account, a shared IP)
// stay. Clearing the whole cache when it filled sent every entity of the next batches back to the
// vault's (kind, value) index: at 1M alerts the lookups took 32 s of a 261 s staged import
// (docs/PERFORMANCE.md).

export interface EntityKeys {
  /** The entity's API id. */
  id: string;
  /** Its row key. */
  rid: number;
}

export class EntityKeyCache {
  private newer = new Map<string, EntityKeys>();
  private older = new Map<string, EntityKeys>();

  /** `generation`: entries per generation; at most twice as many are held. */
  constructor(private readonly generation: number) {}

  get(key: string): EntityKeys | undefined {
    const recent = this.newer.get(key);
    if (recent) return recent;
    const old = this.older.get(key);
    if (old) this.set(key, old);
    return old;
  }

  set(key: string, keys: EntityKeys): void {
    if (this.newer.size >= this.generation) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(key, keys);
  }
}
