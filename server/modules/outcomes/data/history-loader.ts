import type { CopySession } from "../../../db/bulk-copy.js";
import { isoOf, NO_DAY } from "../history/days.js";
import { Int32List } from "../history/int32-list.js";
import type { AreaRegistry } from "./areas.js";
import { TupleStream } from "./binary-copy.js";
import type { DeferredIndexes } from "./bulk-indexes.js";
import { ByteKeyMap } from "./byte-keys.js";
import { type IdSpan, isEmpty, spanText } from "./id-span.js";
import { ImportKeys, writeHome } from "./import-keys.js";
import type { RejectLog } from "./rejects.js";
import {
  type ResubmittedChild,
  type ResubmittedHome,
  replaceResubmittedChildren,
  updateResubmittedHomes,
} from "./resubmitted-rows.js";
import { RowSource } from "./tables.js";

/** The bundle's column names; an AFCARS import names its elements instead. */
export type Column =
  | "child_id"
  | "site"
  | "state"
  | "birth_date"
  | "sex"
  | "race_ethnicity"
  | "sibling_group"
  | "removal_date"
  | "exit_date"
  | "exit_reason"
  | "start_date"
  | "end_date"
  | "setting"
  | "change_kind"
  | "home_id"
  | "report_date"
  | "incident_date"
  | "disposition"
  | "kind"
  | "inquiry_date"
  | "approved_date"
  | "closed_date"
  | "closure_reason";

export interface FileTally {
  read: number;
  written: number;
  rejected: number;
}

const INFINITE = 2_147_483_647;
const endOf = (day: number) => (day === NO_DAY ? INFINITE : day);

/**
 * Checks rows against each other and writes them. Rows arrive file by file
 * (children, homes, episodes, placements, reports); each file is one COPY
 * that runs while the rows are parsed. A row is checked only against rows
 * already accepted, so a row that conflicts is always the later one and
 * nothing written ever has to be taken back.
 */
export class HistoryLoader {
  private file = "";
  private tally: FileTally = { read: 0, written: 0, rejected: 0 };
  readonly tallies: Record<string, FileTally> = {};
  private stream: TupleStream | null = null;
  private copying: Promise<number> | null = null;
  /** False once the batch cannot be written (too many rejects): rows are still checked, for the report. */
  writing = true;

  // Children of this batch, by index.
  private readonly childIndex = new ByteKeyMap();
  private readonly rejectedChildren = new ByteKeyMap();
  private lastChild = -1;
  // Every accepted child's id bytes, in batch order: the files list children in the same order, so the next
  // child a row names is most often the one after the last (no hashing, memory read in order).
  private childIdBytes = new Uint8Array(1 << 20);
  private childIdUsed = 0;
  private readonly childIdStart = new Int32List();
  private readonly childKey = new Int32List();
  private readonly childArea = new Int32List();
  private readonly childLine = new Int32List();
  private readonly episodeHead = new Int32List();
  private readonly placementHead = new Int32List();
  private readonly named: ResubmittedChild[] = [];
  // Episodes and placements accepted so far, as per-child linked lists.
  private readonly epRemoval = new Int32List();
  private readonly epExit = new Int32List();
  private readonly epNext = new Int32List();
  private readonly epLine = new Int32List();
  private readonly plStart = new Int32List();
  private readonly plEnd = new Int32List();
  private readonly plNext = new Int32List();
  private readonly plLine = new Int32List();
  private readonly namedHomes: ResubmittedHome[] = [];
  // Area ids by the bytes "site,state" of a row: most rows name an area seen before.
  private readonly areaBySiteState = new ByteKeyMap();
  private readonly siteState = new Uint8Array(160);

  private constructor(
    private readonly session: CopySession,
    private readonly rejects: RejectLog,
    readonly areas: AreaRegistry,
    private readonly batchId: number,
    private readonly fixedArea: number | null,
    private readonly keys: ImportKeys,
    private readonly rename: Partial<Record<Column, string>>,
    private readonly maxRejects: number,
  ) {}

  static async open(
    session: CopySession,
    options: {
      rejects: RejectLog;
      areas: AreaRegistry;
      batchId: number;
      fixedArea: number | null;
      maxRejects: number;
      rename?: Partial<Record<Column, string>>;
    },
  ) {
    const keys = await ImportKeys.open(session, options.fixedArea ?? undefined);
    return new HistoryLoader(
      session,
      options.rejects,
      options.areas,
      options.batchId,
      options.fixedArea,
      keys,
      options.rename ?? {},
      options.maxRejects,
    );
  }

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

  private deferred: DeferredIndexes | null = null;
  /** The connection's work between two files' COPYs (an index build); the next COPY starts after it. */
  private between: Promise<void> = Promise.resolve();
  private target: string | null = null;

  /** Indexes dropped for the load: each table's are built when its rows are in, while the next file is parsed. */
  deferIndexes(deferred: DeferredIndexes): void {
    this.deferred = deferred;
  }

  /** A file's rows begin; `target` is its COPY target, or null for a file that writes at the end. */
  begin(file: string, target: string | null): void {
    this.file = file;
    this.tally = this.tallies[file] = { read: 0, written: 0, rejected: 0 };
    this.target = target;
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

  private wrote(): TupleStream | null {
    this.tally.written++;
    return this.writing ? this.stream : null;
  }

  private areaOf(line: number, site: IdSpan, state: IdSpan): number {
    if (this.fixedArea !== null) {
      if (!isEmpty(site) && spanText(site) !== this.areas.codeOf(this.fixedArea)) {
        this.reject(line, "site", `site ${spanText(site)} differs from --site ${this.areas.codeOf(this.fixedArea)}`);
        return -1;
      }
      return this.fixedArea;
    }
    if (isEmpty(site)) {
      this.reject(line, "site", "site is required (or import with --site)");
      return -1;
    }
    const k = this.siteState;
    const siteLength = site.e - site.s;
    const length = siteLength + 1 + state.e - state.s;
    if (length <= k.length) {
      for (let i = 0; i < siteLength; i++) k[i] = site.b[site.s + i];
      k[siteLength] = 0x2c;
      for (let i = siteLength + 1, j = state.s; j < state.e; i++, j++) k[i] = state.b[j];
      const known = this.areaBySiteState.get(k, 0, length);
      if (known >= 0) return known;
    }
    const area = this.areas.resolve(spanText(site), spanText(state));
    if (typeof area !== "number") {
      this.reject(line, area.column, area.reason);
      return -1;
    }
    if (length <= k.length) this.areaBySiteState.set(k, 0, length, area);
    return area;
  }

  /** A children row refused for its own fields: rows that refer to it say so. */
  childRejected(line: number, id: IdSpan): void {
    if (this.childIndex.get(id.b, id.s, id.e) < 0 && this.rejectedChildren.get(id.b, id.s, id.e) < 0)
      this.rejectedChildren.set(id.b, id.s, id.e, line);
  }

  child(
    line: number,
    id: IdSpan,
    site: IdSpan,
    state: IdSpan,
    birth: number,
    sex: number,
    race: number,
    group: IdSpan,
  ): void {
    const first = this.childIndex.get(id.b, id.s, id.e);
    if (first >= 0)
      return this.reject(
        line,
        "child_id",
        `child_id ${spanText(id)} appears twice (first on line ${this.childLine.data[first]})`,
      );
    const areaId = this.areaOf(line, site, state);
    if (areaId < 0) return this.childRejected(line, id);
    const groupKey = isEmpty(group) ? -1 : this.keys.groupKey(areaId, group);
    const key = this.keys.childKey(areaId, id);
    const existing = this.keys.wasKnown;
    this.childIndex.set(id.b, id.s, id.e, this.childKey.push(key));
    this.rememberId(id);
    this.childArea.push(areaId);
    this.childLine.push(line);
    this.episodeHead.push(-1);
    this.placementHead.push(-1);
    if (existing) {
      this.tally.written++;
      this.named.push({ key, birth, group: groupKey, sex, race });
      return;
    }
    const t = this.wrote();
    if (!t) return;
    t.row(9);
    t.int4(key);
    t.int4(areaId);
    t.date(birth);
    t.key(groupKey);
    t.int4(this.batchId);
    t.int2(RowSource.import);
    t.int2(sex);
    t.int2(race);
    t.bytes(id.b, id.s, id.e);
  }

  /** After children: re-imported children get their new values and lose their earlier rows (latest submission wins). */
  async endChildren(): Promise<void> {
    await this.end();
    if (this.writing) await replaceResubmittedChildren(this.session, this.named, this.batchId);
  }

  home(
    line: number,
    id: IdSpan,
    site: IdSpan,
    state: IdSpan,
    kind: number,
    inquiry: number,
    approved: number,
    closed: number,
    reason: number,
  ): void {
    const first = this.keys.listedLine(id);
    if (first >= 0)
      return this.reject(line, "home_id", `home_id ${spanText(id)} appears twice (first on line ${first})`);
    if (reason > 0 && closed === NO_DAY)
      return this.reject(line, "closure_reason", "closure_reason without closed_date");
    if (closed !== NO_DAY && approved !== NO_DAY && closed < approved)
      return this.reject(
        line,
        "closed_date",
        `closed_date ${isoOf(closed)} is before approved_date ${isoOf(approved)}`,
      );
    const areaId = this.areaOf(line, site, state);
    if (areaId < 0) return;
    const key = this.keys.listHome(areaId, id, line);
    const existing = this.keys.wasKnown;
    if (existing) {
      this.tally.written++;
      this.namedHomes.push({ key, kind, inquiry, approved, closed, reason });
      return;
    }
    const t = this.wrote();
    if (!t) return;
    writeHome(t, key, areaId, inquiry, approved, closed, this.batchId, kind, reason, id);
  }

  async endHomes(): Promise<void> {
    await this.end();
    if (this.writing) await updateResubmittedHomes(this.session, this.namedHomes, this.batchId);
  }

  private rememberId(id: IdSpan) {
    const length = id.e - id.s;
    if (this.childIdUsed + length > this.childIdBytes.length) {
      const next = new Uint8Array(this.childIdBytes.length * 2 + length);
      next.set(this.childIdBytes.subarray(0, this.childIdUsed));
      this.childIdBytes = next;
    }
    this.childIdStart.push(this.childIdUsed);
    for (let i = 0; i < length; i++) this.childIdBytes[this.childIdUsed++] = id.b[id.s + i];
  }

  /** Is `id` the id of batch child c? */
  private isChild(c: number, id: IdSpan): boolean {
    if (c < 0 || c >= this.childIdStart.length) return false;
    const start = this.childIdStart.data[c];
    const end = c + 1 < this.childIdStart.length ? this.childIdStart.data[c + 1] : this.childIdUsed;
    if (end - start !== id.e - id.s) return false;
    const bytes = this.childIdBytes;
    for (let i = 0; i < end - start; i++) if (bytes[start + i] !== id.b[id.s + i]) return false;
    return true;
  }

  /** The batch index of a child a row refers to, or -1 (rejected with the reason). */
  private childOf(line: number, id: IdSpan): number {
    // Files list a child's rows together and children in the same order: most rows name the row before's
    // child, or the next one.
    if (this.isChild(this.lastChild, id)) return this.lastChild;
    if (this.isChild(this.lastChild + 1, id)) return ++this.lastChild;
    const c = this.childIndex.get(id.b, id.s, id.e);
    if (c >= 0) return (this.lastChild = c);
    const rejectedOn = this.rejectedChildren.get(id.b, id.s, id.e);
    const text = spanText(id);
    this.reject(
      line,
      "child_id",
      rejectedOn >= 0
        ? `child_id ${text} was rejected (children line ${rejectedOn})`
        : `child_id ${text} is not in the children file`,
    );
    return -1;
  }

  episode(line: number, id: IdSpan, removal: number, exit: number, reason: number, reportedPlacements: number): void {
    const c = this.childOf(line, id);
    if (c < 0) return;
    if (exit !== NO_DAY && exit < removal)
      return this.reject(line, "exit_date", `exit_date ${isoOf(exit)} is before removal_date ${isoOf(removal)}`);
    if (reason > 0 && exit === NO_DAY) return this.reject(line, "exit_reason", "exit_reason without exit_date");
    // Episodes are closed ranges: a child who left care on a day cannot re-enter that same day in another episode.
    for (let e = this.episodeHead.data[c]; e >= 0; e = this.epNext.data[e]) {
      if (removal <= endOf(this.epExit.data[e]) && this.epRemoval.data[e] <= endOf(exit)) {
        return this.reject(
          line,
          "removal_date",
          `the episode overlaps the episode on line ${this.epLine.data[e]} (removal_date ${isoOf(this.epRemoval.data[e])})`,
        );
      }
    }
    const e = this.epRemoval.push(removal);
    this.epExit.push(exit);
    this.epNext.push(this.episodeHead.data[c]);
    this.epLine.push(line);
    this.episodeHead.data[c] = e;
    const t = this.wrote();
    if (!t) return;
    t.row(6);
    t.int4(this.childKey.data[c]);
    t.int4(this.childArea.data[c]);
    t.date(removal);
    t.date(exit);
    t.int2(reason);
    if (reportedPlacements > 0) t.int2(reportedPlacements);
    else t.null();
  }

  placement(
    line: number,
    id: IdSpan,
    removal: number,
    start: number,
    endDay: number,
    setting: number,
    changeKind: number,
    homeId: IdSpan,
  ): void {
    const c = this.childOf(line, id);
    if (c < 0) return;
    let episode = -1;
    for (let e = this.episodeHead.data[c]; e >= 0; e = this.epNext.data[e])
      if (this.epRemoval.data[e] === removal) episode = e;
    if (episode < 0)
      return this.reject(
        line,
        "removal_date",
        `child ${spanText(id)} has no episode with removal_date ${isoOf(removal)}`,
      );
    const exit = this.epExit.data[episode];
    let end = endDay;
    if (start < removal)
      return this.reject(
        line,
        "start_date",
        `start_date ${isoOf(start)} is before the episode's removal_date ${isoOf(removal)}`,
      );
    if (exit !== NO_DAY && start > exit)
      return this.reject(
        line,
        "start_date",
        `start_date ${isoOf(start)} is after the episode's exit_date ${isoOf(exit)}`,
      );
    if (end !== NO_DAY && end < start)
      return this.reject(line, "end_date", `end_date ${isoOf(end)} is before start_date ${isoOf(start)}`);
    if (exit !== NO_DAY && end !== NO_DAY && end > exit)
      return this.reject(line, "end_date", `end_date ${isoOf(end)} is after the episode's exit_date ${isoOf(exit)}`);
    // A placement left open in an episode that ended ended with it.
    if (exit !== NO_DAY && end === NO_DAY) end = exit;
    // Placements are [start, end) as in the platform's EXCLUDE constraint: a move ends one placement the day the
    // next starts, and a placement that ended the day it began (an empty range) overlaps nothing.
    for (let p = start === end ? -1 : this.placementHead.data[c]; p >= 0; p = this.plNext.data[p]) {
      const ps = this.plStart.data[p];
      const pe = this.plEnd.data[p];
      if (ps !== pe && start < endOf(pe) && ps < endOf(end)) {
        return this.reject(
          line,
          "start_date",
          `the placement overlaps the placement on line ${this.plLine.data[p]} (start_date ${isoOf(this.plStart.data[p])})`,
        );
      }
    }
    const home = isEmpty(homeId) ? -1 : this.keys.placementHome(this.childArea.data[c], homeId);
    const p = this.plStart.push(start);
    this.plEnd.push(end);
    this.plNext.push(this.placementHead.data[c]);
    this.plLine.push(line);
    this.placementHead.data[c] = p;
    const t = this.wrote();
    if (!t) return;
    t.row(8);
    t.int4(this.childKey.data[c]);
    t.int4(this.childArea.data[c]);
    t.date(removal);
    t.date(start);
    t.date(end);
    t.key(home);
    t.int2(setting);
    t.int2(changeKind);
  }

  report(line: number, id: IdSpan, reportDay: number, incidentDay: number, disposition: number): void {
    const c = this.childOf(line, id);
    if (c < 0) return;
    const t = this.wrote();
    if (!t) return;
    t.row(5);
    t.int4(this.childKey.data[c]);
    t.int4(this.childArea.data[c]);
    t.date(reportDay);
    t.date(incidentDay);
    t.int2(disposition);
  }

  /** Writes what the files only implied (sibling groups, homes known from placements), the areas, and the keys used. */
  async finish(): Promise<void> {
    if (!this.writing) return;
    await this.between;
    await this.keys.writeImplied(this.session, this.batchId);
    await this.keys.finish(this.session);
    await this.areas.finish(this.session.db);
  }
}

export { HOME_TARGET } from "./import-keys.js";
export const CHILD_TARGET =
  "outcome_child (child_key, area_id, birth_day, sibling_group, batch_id, source, sex, race, external_id)";
export const EPISODE_TARGET =
  "outcome_episode (child_key, area_id, removal_day, exit_day, exit_reason, reported_placements)";
export const PLACEMENT_TARGET =
  "outcome_placement (child_key, area_id, removal_day, start_day, end_day, home_key, setting, change_kind)";
export const REPORT_TARGET = "outcome_maltreatment_report (child_key, area_id, report_day, incident_day, disposition)";
