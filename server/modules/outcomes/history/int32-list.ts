/**
 * An Int32Array that grows by doubling: columns and per-period lists of
 * unknown length without one object per item (the importer's per-row state,
 * the engine's exits and siblings, the generator's homes).
 */
export class Int32List {
  /** The backing array; items are data[0 .. length). Re-read after a push: growing replaces it. */
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  /** Appends and returns the new item's index. */
  push(value: number): number {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  at(index: number): number {
    return this.data[index];
  }
}
