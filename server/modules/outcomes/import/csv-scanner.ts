import fs from "node:fs";

/**
 * A streaming RFC 4180 scanner over bytes. It finds each record's fields as
 * offsets into the chunk (no string per field), so the importer turns dates
 * and codes into numbers straight from the bytes and makes no string at all
 * (identifiers are keyed by their bytes, byte-keys.ts). Measured on the same
 * placements.csv (933 k rows, 71 MB; README "Outcomes"): csv-parse 7.0.3
 * 2.25 s of CPU, udsv 0.7.3 0.47 s (strings still to convert), this 0.36 s
 * with the dates already parsed. csv-parse alone would have cost more CPU
 * than PostgreSQL's whole COPY of the file.
 */
export interface CsvRecord {
  /** The chunk holding the record (valid only during the callback). */
  bytes: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a quoted field holds "" escapes to undo. */
  escaped: Uint8Array;
  count: number;
  /** The physical line the record starts on (1 = header). */
  line: number;
}

export const MAX_FIELDS = 64;
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const READ_BYTES = 1 << 20;

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The text of field `f` (quotes undone). */
export function fieldText(record: CsvRecord, f: number): string {
  const text = record.bytes.toString("utf8", record.starts[f], record.ends[f]);
  return record.escaped[f] ? text.replaceAll('""', '"') : text;
}

/**
 * Calls `onRecord` for every record of `path`, header first. `onChunk` runs
 * after each chunk with the bytes consumed so far and may wait (backpressure,
 * progress). Blank lines are skipped.
 */
export async function scanCsvFile(
  path: string,
  onRecord: (record: CsvRecord) => void,
  onChunk: (bytesDone: number) => Promise<void> | void,
): Promise<void> {
  const record: CsvRecord = {
    bytes: Buffer.alloc(0),
    starts: new Int32Array(MAX_FIELDS + 1),
    ends: new Int32Array(MAX_FIELDS + 1),
    escaped: new Uint8Array(MAX_FIELDS + 1),
    count: 0,
    line: 1,
  };
  const handle = await fs.promises.open(path, "r");
  try {
    let carry = Buffer.alloc(0);
    let line = 1;
    let done = 0;
    for (;;) {
      // The unfinished record of the last chunk goes first, then fresh bytes after it.
      const buffer = Buffer.allocUnsafe(carry.length + READ_BYTES);
      carry.copy(buffer, 0);
      const { bytesRead } = await handle.read(buffer, carry.length, READ_BYTES, null);
      const last = bytesRead === 0;
      const b = buffer.subarray(0, carry.length + bytesRead);
      record.bytes = b;
      const scanned = scanChunk(b, last, record, line, onRecord);
      line = scanned.line;
      done += scanned.consumed - carry.length;
      carry = b.subarray(scanned.consumed);
      await onChunk(done);
      if (last) break;
    }
  } finally {
    await handle.close();
  }
}

/** Scans whole records of `b`; returns how many bytes they took and the next line number. */
function scanChunk(b: Buffer, last: boolean, record: CsvRecord, firstLine: number, onRecord: (r: CsvRecord) => void) {
  const n = b.length;
  const starts = record.starts;
  const ends = record.ends;
  const escaped = record.escaped;
  let p = 0;
  let line = firstLine;
  while (p < n) {
    const recordStart = p;
    const recordLine = line;
    let f = 0;
    let complete = false;
    for (;;) {
      if (f >= MAX_FIELDS) throw new CsvSyntaxError(recordLine, `more than ${MAX_FIELDS} fields`);
      escaped[f] = 0;
      if (p < n && b[p] === QUOTE) {
        let q = p + 1;
        let closed = -1;
        while (q < n) {
          const c = b[q];
          if (c === QUOTE) {
            if (q + 1 < n && b[q + 1] === QUOTE) {
              escaped[f] = 1;
              q += 2;
              continue;
            }
            if (q + 1 >= n && !last) break; // the next chunk may hold the second quote of ""
            closed = q;
            break;
          }
          if (c === LF) line++;
          q++;
        }
        if (closed < 0) {
          if (last) throw new CsvSyntaxError(recordLine, "a quoted field is not closed");
          break;
        }
        starts[f] = p + 1;
        ends[f] = closed;
        p = closed + 1;
        if (p < n && b[p] !== COMMA && b[p] !== CR && b[p] !== LF)
          throw new CsvSyntaxError(recordLine, "text after a closing quote");
      } else {
        const s = p;
        while (p < n) {
          const c = b[p];
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvSyntaxError(recordLine, "a quote inside an unquoted field");
          p++;
        }
        starts[f] = s;
        ends[f] = p;
      }
      f++;
      if (p >= n) {
        // End of data: the record is complete only at the end of the file.
        complete = last;
        break;
      }
      const c = b[p];
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === CR) {
        if (p + 1 >= n && !last) break;
        p++;
        if (p < n && b[p] === LF) p++;
      } else p++;
      line++;
      complete = true;
      break;
    }
    if (!complete) {
      line = recordLine;
      return { consumed: recordStart, line };
    }
    if (f === 1 && starts[0] === ends[0] && b[recordStart] !== QUOTE) continue; // blank line
    record.count = f;
    record.line = recordLine;
    onRecord(record);
  }
  return { consumed: n, line };
}
