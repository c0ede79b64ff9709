import { once } from "node:events";
import fs from "node:fs";

const CHUNK_BYTES = 1 << 20;
/** Longest row the generator writes, with room to spare; rows are ASCII (codes, dates, [A-Z0-9-] ids). */
const MAX_ROW_BYTES = 512;

/**
 * One CSV file written in 1 MB chunks. `add` copies the row into the current
 * chunk (a Buffer, so no long string is built and kept alive — that kept the
 * garbage collector busy); a full chunk goes to the stream. The caller awaits
 * `drain()` between batches, which waits when the disk falls behind (the
 * stream's backpressure), so memory stays bounded whatever the file's size.
 */
export class CsvFile {
  private readonly stream: fs.WriteStream;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  rows = 0;
  bytes = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = fs.createWriteStream(path, { highWaterMark: 4 * CHUNK_BYTES });
    this.append(`${header.join(",")}\n`);
  }

  add(line: string): void {
    this.append(line);
    this.rows++;
  }

  async drain(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }

  private append(line: string) {
    if (this.used + MAX_ROW_BYTES > CHUNK_BYTES) this.flush();
    this.used += this.chunk.write(line, this.used, "latin1");
  }

  private flush() {
    if (this.used === 0) return;
    this.stream.write(this.chunk.subarray(0, this.used));
    this.bytes += this.used;
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }
}
