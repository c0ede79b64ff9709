import { NO_DAY } from "../history/days.js";

/**
 * PostgreSQL's binary COPY format, both ways, for the outcome tables. A date
 * is an int4 of days since 2000-01-01; our days count from 1970-01-01, hence
 * the 10957. Values are written and read with shifts rather than DataView or
 * Buffer.readInt32BE: the tight loops over millions of rows are the import's
 * and the reader's whole cost.
 */
export const PG_EPOCH_DAY = 10957;

const CHUNK_BYTES = 256 * 1024;
/**
 * Chunks queued for the COPY before the producer waits: the parser runs ahead
 * of PostgreSQL by at most this much (128 MB) — enough to keep parsing the
 * next file while PostgreSQL builds the last one's indexes (a few seconds at
 * national scale).
 */
const QUEUE_CHUNKS = 512;

/**
 * Binary tuples written by the parser and read by a COPY as an async
 * iterable. The parser writes rows synchronously and calls `drain()` now and
 * then; it waits only when PostgreSQL is behind, so the Node process parses
 * while PostgreSQL ingests.
 */
export class TupleStream implements AsyncIterable<Uint8Array> {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES + 4096);
  private pos = 0;
  private queue: Uint8Array[] = [];
  private closed = false;
  private failure: unknown = null;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;
  rows = 0;

  row(fieldCount: number): void {
    if (this.pos > CHUNK_BYTES) this.cut();
    this.buf[this.pos++] = fieldCount >> 8;
    this.buf[this.pos++] = fieldCount & 0xff;
    this.rows++;
  }

  int4(value: number): void {
    const b = this.buf;
    let p = this.pos;
    b[p++] = 0;
    b[p++] = 0;
    b[p++] = 0;
    b[p++] = 4;
    b[p++] = value >>> 24;
    b[p++] = value >>> 16;
    b[p++] = value >>> 8;
    b[p++] = value;
    this.pos = p;
  }

  int2(value: number): void {
    const b = this.buf;
    let p = this.pos;
    b[p++] = 0;
    b[p++] = 0;
    b[p++] = 0;
    b[p++] = 2;
    b[p++] = value >>> 8;
    b[p++] = value;
    this.pos = p;
  }

  /** A day (days.ts), or SQL NULL for NO_DAY. */
  date(day: number): void {
    if (day === NO_DAY) return this.null();
    this.int4(day - PG_EPOCH_DAY);
  }

  /** int4 or SQL NULL for a negative key (the importer's "none"). */
  key(value: number): void {
    if (value < 0) return this.null();
    this.int4(value);
  }

  null(): void {
    const b = this.buf;
    b[this.pos++] = 0xff;
    b[this.pos++] = 0xff;
    b[this.pos++] = 0xff;
    b[this.pos++] = 0xff;
  }

  text(value: string): void {
    if (this.buf.length - this.pos < value.length * 3 + 8) this.grow(value.length * 3 + 8);
    const start = this.pos + 4;
    const length = this.buf.write(value, start, "utf8");
    const b = this.buf;
    b[this.pos] = length >>> 24;
    b[this.pos + 1] = length >>> 16;
    b[this.pos + 2] = length >>> 8;
    b[this.pos + 3] = length;
    this.pos = start + length;
  }

  /** Text given as UTF-8 bytes (an identifier straight from the CSV chunk). */
  bytes(source: Uint8Array, s: number, e: number): void {
    const length = e - s;
    if (this.buf.length - this.pos < length + 8) this.grow(length + 8);
    const b = this.buf;
    let p = this.pos;
    b[p++] = length >>> 24;
    b[p++] = length >>> 16;
    b[p++] = length >>> 8;
    b[p++] = length;
    for (let i = s; i < e; i++) b[p++] = source[i];
    this.pos = p;
  }

  /** Waits while PostgreSQL is behind; throws if the COPY failed. */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.queue.length >= QUEUE_CHUNKS && !this.failure) {
      await new Promise<void>((resolve) => (this.wakeProducer = resolve));
    }
    if (this.failure) throw this.failure;
  }

  close(): void {
    this.cut();
    this.closed = true;
    this.wake();
  }

  /** Ends the stream with an error: the COPY fails and its transaction rolls back. */
  fail(error: unknown): void {
    this.failure = error;
    this.closed = true;
    this.wake();
  }

  private grow(extra: number) {
    const next = Buffer.allocUnsafe(this.buf.length + extra + CHUNK_BYTES);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private cut() {
    if (this.pos === 0) return;
    this.queue.push(Buffer.from(this.buf.subarray(0, this.pos)));
    this.pos = 0;
    this.wake();
  }

  private wake() {
    const consumer = this.wakeConsumer;
    this.wakeConsumer = null;
    consumer?.();
    const producer = this.wakeProducer;
    this.wakeProducer = null;
    producer?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        const next = this.queue.shift();
        if (next) {
          this.wake();
          yield next;
          continue;
        }
        if (this.closed) return;
        await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
      }
    } finally {
      // The COPY stopped reading (it failed): the producer must not wait for it.
      if (!this.closed) this.fail(new Error("The COPY ended before its rows were written"));
    }
  }
}

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
