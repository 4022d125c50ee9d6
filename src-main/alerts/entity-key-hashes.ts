// Which entity keys a writer has added to a table it fills alone (a staged import's file): a set of
// 32-bit hashes, so a key it never added is known new without a lookup. A key it may have added (or
// whose hash collides with one: ~1 in 4,000 new keys at 1M entities) is looked up as before, so a
// collision costs a lookup, never a wrong link. At 1M alerts the lookups of new entities in the
// random-key (kind, value) index took 37 s of a 303 s import (docs/PERFORMANCE.md); the set costs
// 4–8 bytes an entity.

/** The 32-bit half of cyrb53 (a public-domain string hash), never 0 (0 marks an empty slot). */
function hash32(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return h1 >>> 0 || 1;
}

export class EntityKeyHashes {
  /** Open addressing with linear probing, kept at most three quarters full. */
  private slots = new Uint32Array(1 << 16);
  private size = 0;

  add(key: string): void {
    if ((this.size + 1) * 4 > this.slots.length * 3) this.grow();
    if (this.insert(hash32(key))) this.size += 1;
  }

  /** False when `key` was certainly never added. */
  mightHave(key: string): boolean {
    const stored = hash32(key);
    const mask = this.slots.length - 1;
    for (let slot = stored & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] as number;
      if (held === 0) return false;
      if (held === stored) return true;
    }
  }

  /** True when the hash was not held yet. */
  private insert(stored: number): boolean {
    const mask = this.slots.length - 1;
    for (let slot = stored & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] as number;
      if (held === stored) return false;
      if (held === 0) {
        this.slots[slot] = stored;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (const stored of old) if (stored !== 0) this.insert(stored);
  }
}
