import { NO_DAY } from "../history/days.js";
import type { Column } from "./copy-targets.js";
import { type CsvRecord, fieldText } from "./csv-scanner.js";
import { type CodeTable, dayAt, INVALID } from "./field-values.js";
import type { HistoryLoader } from "./history-loader.js";
import { type IdSpan, spanText } from "./id-span.js";

/** A record's fields by column, with the checks every file shares; rejects through the loader. */
export class FieldReader {
  record!: CsvRecord;
  /** Field index of each column of the file's spec, -1 when the header lacks it. */
  constructor(
    readonly index: Partial<Record<Column, number>>,
    private readonly loader: HistoryLoader,
  ) {}

  get line(): number {
    return this.record.line;
  }

  /** One span object per column, reused row after row (nothing is allocated per field). */
  private readonly spans: Partial<Record<Column, IdSpan>> = {};
  private static readonly none: IdSpan = { b: new Uint8Array(0), s: 0, e: 0 };

  /**
   * An identifier or code as bytes of the chunk (an empty span when the
   * column is absent or empty); undefined after rejecting. Valid during the
   * row only.
   */
  id(column: Column, required = false): IdSpan | undefined {
    const f = this.index[column];
    if (f === undefined || f < 0) return required ? this.fail(column, `${column} is required`) : FieldReader.none;
    const span = this.spanAt(column, f);
    const length = span.e - span.s;
    if (length > 64 && (length > 256 || spanText(span).length > 64))
      return this.fail(column, `${column} is longer than 64 characters`);
    if (required && length === 0) return this.fail(column, `${column} is required`);
    return span;
  }

  /** The row's child_id as it is (unchecked), when the row has the field: a row refused whole may name its child. */
  childId(): IdSpan | undefined {
    const f = this.index.child_id;
    if (f === undefined || f < 0 || f >= this.record.count) return undefined;
    return this.spanAt("child_id", f);
  }

  private spanAt(column: Column, f: number): IdSpan {
    let span = this.spans[column];
    if (!span) span = this.spans[column] = { b: this.record.bytes, s: 0, e: 0 };
    if (this.record.escaped[f]) {
      const text = Buffer.from(fieldText(this.record, f), "utf8");
      span.b = text;
      span.s = 0;
      span.e = text.length;
    } else {
      span.b = this.record.bytes;
      span.s = this.record.starts[f];
      span.e = this.record.ends[f];
    }
    return span;
  }

  /** A day, NO_DAY when empty (and allowed); undefined after rejecting. */
  day(column: Column, required = false): number | undefined {
    const f = this.index[column];
    const day =
      f === undefined || f < 0 ? NO_DAY : dayAt(this.record.bytes, this.record.starts[f], this.record.ends[f]);
    if (day === INVALID)
      return this.fail(column, `${column} "${this.raw(column)}" is not a date YYYY-MM-DD between 1900 and 2100`);
    if (day === NO_DAY && required) return this.fail(column, `${column} is required`);
    return day;
  }

  /** A code, `empty` when the field is empty; undefined after rejecting. */
  code(column: Column, codes: CodeTable, empty: number | "required"): number | undefined {
    const f = this.index[column];
    const s = f === undefined || f < 0 ? 0 : this.record.starts[f];
    const e = f === undefined || f < 0 ? 0 : this.record.ends[f];
    if (s === e) return empty === "required" ? this.fail(column, `${column} is required`) : empty;
    const code = codes.at(this.record.bytes, s, e);
    if (code === INVALID) return this.fail(column, `${column} "${this.raw(column)}" is not one of: ${codes.list()}`);
    return code;
  }

  private raw(column: Column): string {
    const f = this.index[column]!;
    return fieldText(this.record, f).slice(0, 40);
  }

  private fail(column: Column, reason: string): undefined {
    this.loader.reject(this.line, column, reason);
    return undefined;
  }
}
