import { NO_DAY } from "../history/days.js";
import { PG_EPOCH_DAY } from "../read/copy-decoder.js";

/**
 * PostgreSQL's binary COPY format, written: rows for the outcome tables. A
 * date is an int4 of days since 2000-01-01 (read/copy-decoder.ts). Values are
 * written with shifts rather than DataView or Buffer.writeInt32BE: the tight
 * loops over millions of rows are the import's whole cost.
 */

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
