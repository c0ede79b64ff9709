/** One refused row, named so a user can find and fix it. */
export interface RejectedRow {
  file: string;
  line: number;
  column: string | null;
  reason: string;
}

/**
 * At most this many rejected rows are kept (and stored with the batch); the
 * count stays exact. A file whose every row is wrong must not fill memory.
 */
export const REJECTS_KEPT = 100_000;

export class RejectLog {
  readonly rows: RejectedRow[] = [];
  count = 0;

  add(file: string, line: number, column: string | null, reason: string): void {
    this.count++;
    if (this.rows.length < REJECTS_KEPT) this.rows.push({ file, line, column, reason });
  }
}

/** The import did not happen: too many rejected rows, a file that cannot be read, or an error. Nothing was written. */
export class ImportFailed extends Error {
  constructor(
    message: string,
    readonly rejects: RejectLog,
  ) {
    super(message);
  }
}
