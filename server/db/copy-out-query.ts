import { to as copyTo } from "pg-copy-streams";

// pg-copy-streams' COPY TO stream, with a faster parser: PostgreSQL sends one
// CopyData message per row, and the library slices a Buffer for each (a
// national read is 20 M rows: the slicing was half of the reader's CPU). This
// one copies every row's payload of a socket chunk into one buffer and pushes
// that. Everything else (attaching to the connection, handing errors and the
// end of the COPY back to pg) is the library's.
type CopyToStream = ReturnType<typeof copyTo>;
const CopyToBase = Object.getPrototypeOf(copyTo("")).constructor as new (text: string) => CopyToStream;

const COPY_DATA = 0x64; // 'd'
const ERROR_RESPONSE = 0x45; // 'E'
const COPY_OUT_RESPONSE = 0x48; // 'H'
const PARAMETER_STATUS = 0x53; // 'S'
const NOTICE_RESPONSE = 0x4e; // 'N'
const NOTIFICATION_RESPONSE = 0x41; // 'A'

interface LibraryInternals {
  _buffer: { push(b: Buffer): void };
  _detach(): void;
  _cleanup(): void;
}

class ChunkedCopyToQuery extends CopyToBase {
  private rest: Buffer | null = null;

  _parse(chunk: Buffer): boolean {
    const self = this as unknown as LibraryInternals & CopyToStream;
    const b = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = null;
    const out = Buffer.allocUnsafe(b.length);
    let o = 0;
    let p = 0;
    let done = false;
    let failed = false;
    while (p + 5 <= b.length) {
      const code = b[p];
      if (code === ERROR_RESPONSE) {
        failed = true;
        break;
      }
      const length = b.readUInt32BE(p + 1);
      if (p + 1 + length > b.length) break;
      if (code === COPY_DATA) {
        o += b.copy(out, o, p + 5, p + 1 + length);
      } else if (code !== COPY_OUT_RESPONSE && code !== PARAMETER_STATUS && code !== NOTICE_RESPONSE && code !== NOTIFICATION_RESPONSE) {
        done = true; // CopyDone: what follows is pg's (CommandComplete, ReadyForQuery)
        p += 1 + length;
        break;
      }
      p += 1 + length;
    }
    let drained = true;
    if (o > 0) drained = self.push(out.subarray(0, o));
    if (failed || done) {
      // pg parses the rest: an error reaches the query's callbacks, the end its CommandComplete.
      self._buffer.push(b.subarray(p));
      self._detach();
      if (done) {
        self.push(null);
        self._cleanup();
      }
      return drained;
    }
    if (p < b.length) this.rest = Buffer.from(b.subarray(p));
    return drained;
  }
}

/** `COPY … TO STDOUT` as a stream of chunks holding whole rows' payloads (no per-row buffers). */
export function chunkedCopyTo(text: string): CopyToStream {
  return new ChunkedCopyToQuery(text);
}
