/** Where a long import is: reported a few times a second through onProgress. */
export interface ImportProgress {
  file: string;
  /** Rows of this file so far. */
  rows: number;
  rowsPerSecond: number;
  /** Bytes of the whole bundle read so far, and in all. */
  bytesDone: number;
  bytesTotal: number;
  percent: number;
  done: boolean;
}

const EVERY_MS = 250;

export class ProgressMeter {
  private file = "";
  private rows = 0;
  private fileStarted = 0;
  private bytesBefore = 0;
  private bytesInFile = 0;
  private last = 0;
  /** Seconds each file took, parse and COPY together (and "finish" for the end of the batch). */
  readonly timings: Record<string, number> = {};
  private phaseStarted = performance.now();
  private phase = "start";

  constructor(
    private readonly bytesTotal: number,
    private readonly onProgress?: (progress: ImportProgress) => void,
  ) {}

  startFile(file: string): void {
    this.lap(file);
    this.bytesBefore += this.bytesInFile;
    this.bytesInFile = 0;
    this.file = file;
    this.rows = 0;
    this.fileStarted = performance.now();
    this.report(false);
  }

  row(): void {
    this.rows++;
  }

  /** Bytes of the current file read so far; reports at most every EVERY_MS. */
  bytes(done: number): void {
    this.bytesInFile = done;
    const now = performance.now();
    if (now - this.last >= EVERY_MS) {
      this.last = now;
      this.report(false);
    }
  }

  /** Closes the running phase and opens `next`. */
  lap(next: string): void {
    const now = performance.now();
    this.timings[this.phase] = Math.round(now - this.phaseStarted) / 1000;
    this.phase = next;
    this.phaseStarted = now;
  }

  done(): void {
    this.lap("done");
    this.bytesBefore += this.bytesInFile;
    this.bytesInFile = 0;
    this.report(true);
  }

  private report(done: boolean) {
    if (!this.onProgress) return;
    const seconds = Math.max((performance.now() - this.fileStarted) / 1000, 1e-3);
    const bytesDone = this.bytesBefore + this.bytesInFile;
    this.onProgress({
      file: this.file,
      rows: this.rows,
      rowsPerSecond: Math.round(this.rows / seconds),
      bytesDone,
      bytesTotal: this.bytesTotal,
      percent: this.bytesTotal ? Math.min(100, (100 * bytesDone) / this.bytesTotal) : 100,
      done,
    });
  }
}
