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

interface Walked {
  p: number;
  o: number;
  done: boolean;
  failed: boolean;
}

/** Walks the whole messages of b from p, copying CopyData payloads into out at o. */
function walk(b: Buffer, p: number, out: Buffer, o: number): Walked {
  while (p + 5 <= b.length) {
    const code = b[p];
    if (code === ERROR_RESPONSE) return { p, o, done: false, failed: true };
    const length = b.readUInt32BE(p + 1);
    if (p + 1 + length > b.length) break;
    if (code === COPY_DATA) o += b.copy(out, o, p + 5, p + 1 + length);
    else if (
      code !== COPY_OUT_RESPONSE &&
      code !== PARAMETER_STATUS &&
      code !== NOTICE_RESPONSE &&
      code !== NOTIFICATION_RESPONSE
    ) {
      // CopyDone: what follows is pg's (CommandComplete, ReadyForQuery)
      return { p: p + 1 + length, o, done: true, failed: false };
    }
    p += 1 + length;
  }
  return { p, o, done: false, failed: false };
}

class ChunkedCopyToQuery extends CopyToBase {
  private rest: Buffer | null = null;

  _parse(chunk: Buffer): boolean {
    const self = this as unknown as LibraryInternals & CopyToStream;
    const out = Buffer.allocUnsafe(chunk.length + (this.rest?.length ?? 0));
    let b = chunk;
    let walked: Walked = { p: 0, o: 0, done: false, failed: false };
    if (this.rest) {
      // The message cut between chunks: join its two parts only, never the whole chunk.
      const rest = this.rest;
      const total = rest.length >= 5 ? 1 + rest.readUInt32BE(1) : 5;
      const missing = total - rest.length;
      if (chunk.length < missing) {
        this.rest = Buffer.concat([rest, chunk]);
        return true;
      }
      const joined = Buffer.concat([rest, chunk.subarray(0, missing)]);
      this.rest = null;
      if (rest.length < 5) {
        // Only the header was cut: with the length known, go again.
        this.rest = joined;
        return this._parse(chunk.subarray(missing));
      }
      walked = walk(joined, 0, out, 0);
      b = chunk.subarray(missing);
      if (walked.done || walked.failed) {
        if (walked.failed) b = Buffer.concat([joined, b]);
        walked = { ...walked, p: 0 };
      } else walked = walk(b, 0, out, walked.o);
    } else walked = walk(b, 0, out, 0);
    let drained = true;
    if (walked.o > 0) drained = self.push(out.subarray(0, walked.o));
    if (walked.failed || walked.done) {
      // pg parses the rest: an error reaches the query's callbacks, the end its CommandComplete.
      self._buffer.push(b.subarray(walked.p));
      self._detach();
      if (walked.done) {
        self.push(null);
        self._cleanup();
      }
      return drained;
    }
    if (walked.p < b.length) this.rest = Buffer.from(b.subarray(walked.p));
    return drained;
  }
}

/** `COPY … TO STDOUT` as a stream of chunks holding whole rows' payloads (no per-row buffers). */
export function chunkedCopyTo(text: string): CopyToStream {
  return new ChunkedCopyToQuery(text);
}
