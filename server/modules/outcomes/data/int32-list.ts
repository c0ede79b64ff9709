/** A growable int32 column for the importer's per-row state. */
export class Int32List {
  a: Int32Array;
  length = 0;
  constructor(capacity = 4096) {
    this.a = new Int32Array(capacity);
  }
  push(value: number): number {
    if (this.length === this.a.length) {
      const next = new Int32Array(this.a.length * 2);
      next.set(this.a);
      this.a = next;
    }
    this.a[this.length] = value;
    return this.length++;
  }
}
