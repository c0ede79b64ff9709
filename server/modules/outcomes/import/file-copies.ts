import type { CopySession } from "../../../db/bulk-copy.js";
import type { DeferredIndexes } from "./bulk-indexes.js";
import type { Column } from "./copy-targets.js";
import type { RejectLog } from "./rejects.js";
import { TupleStream } from "./tuple-stream.js";

export interface FileTally {
  read: number;
  written: number;
  rejected: number;
}

/**
 * The files of one batch as COPY streams: each file is one COPY that runs
 * while its rows are parsed, with its tally of rows read, written and
 * rejected. Once the batch cannot be written (too many rejects, a file that
 * cannot be read) the streams stop and rows are only checked, for the report.
 */
export abstract class FileCopies {
  protected file = "";
  protected tally: FileTally = { read: 0, written: 0, rejected: 0 };
  readonly tallies: Record<string, FileTally> = {};
  /** The table each file's rows went to. */
  protected readonly tableOf: Record<string, string | null> = {};
  private stream: TupleStream | null = null;
  private copying: Promise<number> | null = null;
  /** False once the batch cannot be written (too many rejects): rows are still checked, for the report. */
  writing = true;
  private deferred: DeferredIndexes | null = null;
  /** The connection's work between two files' COPYs (an index build); the next COPY starts after it. */
  private between: Promise<void> = Promise.resolve();
  private target: string | null = null;

  protected constructor(
    protected readonly session: CopySession,
    private readonly rejects: RejectLog,
    private readonly rename: Partial<Record<Column, string>>,
    private readonly maxRejects: number,
  ) {}

  get rejectLog(): RejectLog {
    return this.rejects;
  }

  /** A problem with a whole file (missing, unknown, bad header): the batch cannot be written. */
  fileProblem(file: string, column: string | null, reason: string, line = 0): void {
    this.rejects.add(file, line, column, reason);
    this.writing = false;
    this.stream?.fail(new Error(reason));
  }

  /** A reject naming a column the bundle does not have (an AFCARS element). */
  rejectAs(line: number, column: string | null, reason: string): void {
    this.tally.rejected++;
    this.rejects.add(this.file, line, column, reason);
    if (this.rejects.count > this.maxRejects && this.writing) {
      this.writing = false;
      this.stream?.fail(new Error("too many rejected rows"));
    }
  }

  reject(line: number, column: Column | null, reason: string): void {
    this.rejectAs(line, column ? (this.rename[column] ?? column) : null, reason);
  }

  /** Indexes dropped for the load: each table's are built when its rows are in, while the next file is parsed. */
  deferIndexes(deferred: DeferredIndexes): void {
    this.deferred = deferred;
  }

  /** A file's rows begin; `target` is its COPY target, or null for a file that writes at the end. */
  begin(file: string, target: string | null): void {
    this.file = file;
    this.tally = this.tallies[file] = { read: 0, written: 0, rejected: 0 };
    this.target = target;
    this.tableOf[file] = target?.split(" ")[0] ?? null;
    if (!this.writing || !target) return;
    const stream = (this.stream = new TupleStream());
    this.copying = this.between.then(() => this.session.copyIn(target, stream));
    this.copying.catch((error) => stream.fail(error));
  }

  /** Names the file later rejects come from (AFCARS rows replay records of several files). */
  setFile(file: string): void {
    this.file = file;
  }

  /** Lets PostgreSQL catch up; call between chunks of a file. */
  async drain(): Promise<void> {
    if (this.writing && this.stream) await this.stream.drain();
  }

  async end(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    if (!stream) return;
    if (!this.writing) {
      await this.copying?.catch(() => undefined);
      return;
    }
    stream.close();
    await this.copying;
    const table = this.target?.split(" ")[0];
    if (this.deferred && table) {
      const building = this.deferred.restoreTable(this.session.db, table);
      building.catch(() => undefined); // awaited by the next COPY or by finish
      this.between = building;
    }
  }

  /** Stops the running COPY (the transaction is rolling back) and waits until it has. */
  async abort(error: unknown): Promise<void> {
    this.writing = false;
    this.stream?.fail(error);
    this.stream = null;
    await this.copying?.catch(() => undefined);
    await this.between.catch(() => undefined);
  }

  read(): void {
    this.tally.read++;
  }

  /** Counts a written row; the stream to write it to, or null when the batch is only being checked. */
  protected wrote(): TupleStream | null {
    this.tally.written++;
    return this.writing ? this.stream : null;
  }

  /** Waits for the index build still running after the last file. */
  protected async settled(): Promise<void> {
    await this.between;
  }
}
