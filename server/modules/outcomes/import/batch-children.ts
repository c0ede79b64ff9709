import { Int32List } from "../history/int32-list.js";
import { ByteKeyMap } from "./byte-keys.js";
import type { IdSpan } from "./id-span.js";

/**
 * The children of one batch, by index in batch order: id, key, area and
 * line. Files list children in
 * the same order, so the child a row names is most often the one the row
 * before named, or the next one: those are found by comparing bytes, without
 * hashing, reading memory in order.
 */
export class BatchChildren {
  private readonly index = new ByteKeyMap();
  private readonly rejectedLines = new ByteKeyMap();
  private last = -1;
  private idBytes = new Uint8Array(1 << 20);
  private idUsed = 0;
  private readonly idStart = new Int32List();
  readonly key = new Int32List();
  readonly area = new Int32List();
  readonly line = new Int32List();

  /** The child's index, or -1 when it is not (yet) in the batch. */
  indexOf(id: IdSpan): number {
    return this.index.get(id.b, id.s, id.e);
  }

  add(id: IdSpan, key: number, area: number, line: number): number {
    const c = this.key.push(key);
    this.index.set(id.b, id.s, id.e, c);
    const length = id.e - id.s;
    if (this.idUsed + length > this.idBytes.length) {
      const next = new Uint8Array(this.idBytes.length * 2 + length);
      next.set(this.idBytes.subarray(0, this.idUsed));
      this.idBytes = next;
    }
    this.idStart.push(this.idUsed);
    for (let i = 0; i < length; i++) this.idBytes[this.idUsed++] = id.b[id.s + i];
    this.area.push(area);
    this.line.push(line);
    return c;
  }

  /** A children row refused for its own fields (the first line), so rows that refer to it can say so. */
  rejected(id: IdSpan, line: number): void {
    if (this.indexOf(id) < 0 && this.rejectedLines.get(id.b, id.s, id.e) < 0)
      this.rejectedLines.set(id.b, id.s, id.e, line);
  }

  /** The line the child's row was refused on, or -1. */
  rejectedOn(id: IdSpan): number {
    return this.rejectedLines.get(id.b, id.s, id.e);
  }

  /** The batch index of the child a row names, or -1; the row after most often names the same child. */
  find(id: IdSpan): number {
    if (this.isChild(this.last, id)) return this.last;
    if (this.isChild(this.last + 1, id)) return ++this.last;
    const c = this.indexOf(id);
    if (c >= 0) this.last = c;
    return c;
  }

  /** Is `id` the id of batch child c? */
  private isChild(c: number, id: IdSpan): boolean {
    if (c < 0 || c >= this.idStart.length) return false;
    const start = this.idStart.data[c];
    const end = c + 1 < this.idStart.length ? this.idStart.data[c + 1] : this.idUsed;
    if (end - start !== id.e - id.s) return false;
    const bytes = this.idBytes;
    for (let i = 0; i < end - start; i++) if (bytes[start + i] !== id.b[id.s + i]) return false;
    return true;
  }
}
