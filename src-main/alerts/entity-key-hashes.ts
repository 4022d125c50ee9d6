// Which entity keys a writer has added to a table it fills alone (a staged import's file): a set of
// 53-bit hashes, so a key it never added is known new without a lookup. A key it may have added (or
// whose hash collides with one) is looked up as before, so a collision costs a lookup, never a wrong
// link. At 1M alerts the lookups of new entities in the random-key (kind, value) index took 37 s of a
// 303 s import (docs/PERFORMANCE.md); the set costs 16 bytes an entity at most.

/** cyrb53 (a public-domain string hash): 53 bits, as many as a double holds exactly. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export class EntityKeyHashes {
  /** Open addressing; a slot holds a hash + 1 (0 is empty). Kept at most half full. */
  private slots = new Float64Array(1 << 16);
  private size = 0;

  add(key: string): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    if (this.insert(hash53(key) + 1)) this.size += 1;
  }

  /** False when `key` was certainly never added. */
  mightHave(key: string): boolean {
    const stored = hash53(key) + 1;
    const mask = this.slots.length - 1;
    for (let slot = stored % this.slots.length; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] as number;
      if (held === 0) return false;
      if (held === stored) return true;
    }
  }

  /** True when the hash was not held yet. */
  private insert(stored: number): boolean {
    const mask = this.slots.length - 1;
    for (let slot = stored % this.slots.length; ; slot = (slot + 1) & mask) {
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
    this.slots = new Float64Array(old.length * 2);
    for (const stored of old) if (stored !== 0) this.insert(stored);
  }
}
