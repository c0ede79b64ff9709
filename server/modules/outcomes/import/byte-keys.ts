/**
 * Identifiers (a bundle's child_id, home_id …) to int32 values, keyed by
 * their bytes. A national bundle has millions of ids; in JavaScript Maps of
 * strings they were most of the import's CPU (a string made and hashed per
 * row, and major garbage collections walking millions of live strings). Here
 * keys live in one byte arena and the table is one typed array of
 * [hash, arena offset, value] slots, so a lookup makes nothing, touches two
 * cache lines when it hits (the slot, the key's bytes), and the collector has
 * nothing to walk. Open addressing, linear probing, at most half full.
 */
const SLOT = 3; // hash, arena offset + 1 (0: empty), value

export class ByteKeyMap {
  private arena: Uint8Array;
  private used = 0;
  private slots: Int32Array;
  private mask: number;
  size = 0;

  /** `expected`: about how many keys will be set (the table then never grows). */
  constructor(expected = 512) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * SLOT);
    this.mask = capacity - 1;
    this.arena = new Uint8Array(Math.max(1 << 16, expected * 16));
  }

  /** The value of the key `b[s..e)` (with `prefix`, e.g. an area id, as four leading bytes), or -1. */
  get(b: Uint8Array, s: number, e: number, prefix = 0): number {
    const slot = this.find(b, s, e, prefix, hashOf(b, s, e, prefix));
    return this.slots[slot + 1] === 0 ? -1 : this.slots[slot + 2];
  }

  set(b: Uint8Array, s: number, e: number, value: number, prefix = 0): void {
    const hash = hashOf(b, s, e, prefix);
    let slot = this.find(b, s, e, prefix, hash);
    if (this.slots[slot + 1] !== 0) {
      this.slots[slot + 2] = value;
      return;
    }
    if ((this.size + 1) * 2 > this.mask + 1) {
      this.grow();
      slot = this.find(b, s, e, prefix, hash);
    }
    const length = e - s;
    if (this.used + length + 6 > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.used + length + 6));
      next.set(this.arena.subarray(0, this.used));
      this.arena = next;
    }
    const a = this.arena;
    const at = this.used;
    a[at] = length >>> 8;
    a[at + 1] = length;
    a[at + 2] = prefix >>> 24;
    a[at + 3] = prefix >>> 16;
    a[at + 4] = prefix >>> 8;
    a[at + 5] = prefix;
    for (let i = 0; i < length; i++) a[at + 6 + i] = b[s + i];
    this.used += length + 6;
    this.slots[slot] = hash;
    this.slots[slot + 1] = at + 1;
    this.slots[slot + 2] = value;
    this.size++;
  }

  getText(text: string, prefix = 0): number {
    const b = Buffer.from(text, "utf8");
    return this.get(b, 0, b.length, prefix);
  }

  setText(text: string, value: number, prefix = 0): void {
    const b = Buffer.from(text, "utf8");
    this.set(b, 0, b.length, value, prefix);
  }

  /** The slot holding the key, or the empty slot where it would go. */
  private find(b: Uint8Array, s: number, e: number, prefix: number, hash: number): number {
    const slots = this.slots;
    const a = this.arena;
    const length = e - s;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const slot = i * SLOT;
      const offset = slots[slot + 1];
      if (offset === 0) return slot;
      if (slots[slot] !== hash) continue;
      const o = offset - 1;
      if (((a[o] << 8) | a[o + 1]) !== length) continue;
      if (
        a[o + 2] !== prefix >>> 24 ||
        a[o + 3] !== ((prefix >>> 16) & 0xff) ||
        a[o + 4] !== ((prefix >>> 8) & 0xff) ||
        a[o + 5] !== (prefix & 0xff)
      )
        continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (a[o + 6 + k] !== b[s + k]) {
          same = false;
          break;
        }
      }
      if (same) return slot;
    }
  }

  private grow() {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity * SLOT);
    this.mask = capacity - 1;
    for (let slot = 0; slot < old.length; slot += SLOT) {
      if (old[slot + 1] === 0) continue;
      let i = old[slot] & this.mask;
      while (this.slots[i * SLOT + 1] !== 0) i = (i + 1) & this.mask;
      this.slots[i * SLOT] = old[slot];
      this.slots[i * SLOT + 1] = old[slot + 1];
      this.slots[i * SLOT + 2] = old[slot + 2];
    }
  }
}

/** FNV-1a over the prefix's four bytes and the key's bytes, mixed so the low bits index the table well. */
function hashOf(b: Uint8Array, s: number, e: number, prefix: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ (prefix >>> 24), 0x01000193);
  h = Math.imul(h ^ ((prefix >>> 16) & 0xff), 0x01000193);
  h = Math.imul(h ^ ((prefix >>> 8) & 0xff), 0x01000193);
  h = Math.imul(h ^ (prefix & 0xff), 0x01000193);
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}
