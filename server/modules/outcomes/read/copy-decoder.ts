/**
 * PostgreSQL's binary COPY format, read: the outcome tables' rows decoded into
 * int32 columns. A date is an int4 of days since 2000-01-01; our days count
 * from 1970-01-01, hence the 10957. Values are read with shifts rather than
 * DataView or Buffer.readInt32BE: the tight loops over millions of rows are the
 * reader's whole cost. The writing side is import/tuple-stream.ts.
 */
export const PG_EPOCH_DAY = 10957;

/** How a decoded column's SQL NULL is stored. */
export interface DecodedColumn {
  /** 1 (bool), 2 or 4 (int2, int4), "date" (int4 days since 2000-01-01 → days since 1970), or "text" (into `texts`). */
  kind: 1 | 2 | 4 | "date" | "text";
  nullValue: number;
}

/** Growable int32 columns filled by decodeBinaryCopy. */
export class IntColumns {
  length = 0;
  data: Int32Array[];
  /** Text columns' values (the others' entries are empty). */
  texts: string[][];
  constructor(count: number, capacity = 1024) {
    this.data = Array.from({ length: count }, () => new Int32Array(capacity));
    this.texts = Array.from({ length: count }, () => []);
  }
  ensure(extra: number) {
    if (this.length + extra <= this.data[0].length) return;
    const capacity = Math.max(this.data[0].length * 2, this.length + extra);
    this.data = this.data.map((col) => {
      const next = new Int32Array(capacity);
      next.set(col.subarray(0, this.length));
      return next;
    });
  }
}

/** A tuple that is whole from p (field lengths walked), or false when the chunk ends inside it. */
function wholeTuple(b: Uint8Array, p: number, end: number, fieldCount: number): boolean {
  let q = p + 2;
  for (let f = 0; f < fieldCount; f++) {
    if (q + 4 > end) return false;
    const length = (b[q] << 24) | (b[q + 1] << 16) | (b[q + 2] << 8) | b[q + 3];
    q += 4 + (length > 0 ? length : 0);
    if (q > end) return false;
  }
  return true;
}

/**
 * Decodes a binary COPY stream of int2/int4/date/bool (and text) fields into
 * int32 columns. Tuples may be cut anywhere between chunks: the unread tail
 * and the head of the next chunk are joined in a small buffer for the one
 * tuple they share, so chunks are never copied whole. `capacity` is a guess
 * of the row count (pg_class.reltuples), so the columns rarely grow.
 */
export async function decodeBinaryCopy(
  chunks: AsyncIterable<Uint8Array>,
  columns: DecodedColumn[],
  capacity = 1024,
): Promise<IntColumns> {
  const out = new IntColumns(columns.length, Math.max(1024, capacity));
  const kinds = columns.map((c) => (c.kind === "date" ? 4 : c.kind === "text" ? -1 : c.kind));
  const isDate = columns.map((c) => c.kind === "date");
  const nulls = columns.map((c) => c.nullValue);
  const hasText = kinds.includes(-1);
  const fieldCount = columns.length;
  // With no text, a tuple is at most this long: past it the chunk surely holds the whole tuple.
  const maxTuple = hasText ? Infinity : 2 + kinds.reduce((sum, k) => sum + 4 + k, 0);
  const state = { header: false, finished: false };

  /** Decodes the whole tuples of b from p; returns where it stopped. */
  const decode = (b: Buffer, p: number): number => {
    const end = b.length;
    if (!state.header) {
      if (end - p < 19) return p;
      const extension = (b[p + 15] << 24) | (b[p + 16] << 16) | (b[p + 17] << 8) | b[p + 18];
      p += 19 + extension;
      state.header = true;
    }
    out.ensure(((end - p) / (2 + 4 * fieldCount)) | 0);
    const data = out.data;
    let row = out.length;
    while (p + 2 <= end) {
      const count = (b[p] << 8) | b[p + 1];
      if (count === 0xffff) {
        state.finished = true;
        p += 2;
        break;
      }
      if (count !== fieldCount) throw new Error(`binary COPY: ${count} fields where ${fieldCount} were expected`);
      if (p + maxTuple > end && !wholeTuple(b, p, end, fieldCount)) break;
      let q = p + 2;
      for (let f = 0; f < fieldCount; f++) {
        const length = (b[q] << 24) | (b[q + 1] << 16) | (b[q + 2] << 8) | b[q + 3];
        q += 4;
        if (length < 0) {
          data[f][row] = nulls[f];
          continue;
        }
        const kind = kinds[f];
        if (kind === -1) {
          out.texts[f][row] = b.toString("utf8", q, q + length);
          q += length;
          continue;
        }
        if (length !== kind) throw new Error(`binary COPY: field ${f} has ${length} bytes where ${kind} were expected`);
        let value: number;
        if (length === 4) value = (b[q] << 24) | (b[q + 1] << 16) | (b[q + 2] << 8) | b[q + 3];
        else if (length === 2) value = ((b[q] << 24) | (b[q + 1] << 16)) >> 16;
        else value = b[q];
        data[f][row] = isDate[f] ? value + PG_EPOCH_DAY : value;
        q += length;
      }
      row++;
      p = q;
    }
    out.length = row;
    return p;
  };

  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    // Read to the end even after the trailer, so the connection finishes its COPY cleanly.
    if (state.finished) continue;
    let b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let p = 0;
    if (carry) {
      // The tuple cut between chunks: join its two parts (and a little more) only.
      const head = b.subarray(0, Math.min(b.length, hasText ? b.length : 4096));
      const joined = Buffer.concat([carry, head]);
      const stopped = decode(joined, 0);
      if (stopped < carry.length) {
        carry = joined.subarray(stopped);
        if (head.length === b.length) continue;
        b = Buffer.concat([carry, b.subarray(head.length)]);
        carry = null;
      } else {
        carry = null;
        p = stopped - (joined.length - head.length);
      }
    }
    if (state.finished) continue;
    p = decode(b, p);
    if (!state.finished && p < b.length) carry = Buffer.from(b.subarray(p));
  }
  if (!state.finished && state.header) throw new Error("binary COPY: the stream ended without its trailer");
  out.data = out.data.map((col) => col.subarray(0, out.length));
  return out;
}

/** Reads a COPY stream to its end without decoding: the floor any reader of the same rows pays. */
export async function countBytes(chunks: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of chunks) bytes += chunk.length;
  return bytes;
}
