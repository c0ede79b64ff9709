import type { CopySession } from "../../../db/bulk-copy.js";
import { isoOf, NO_DAY } from "../history/days.js";
import { Int32List } from "../history/int32-list.js";
import { RowSource } from "../tables.js";
import type { AreaRegistry } from "./area-registry.js";
import { AreaRows } from "./area-rows.js";
import { BatchChildren } from "./batch-children.js";
import { ByteKeyMap } from "./byte-keys.js";
import { ChildSpells } from "./child-spells.js";
import type { Column } from "./copy-targets.js";
import { countChanges, type FileChanges, type Removal } from "./file-changes.js";
import { type IdSpan, isEmpty, spanText } from "./id-span.js";
import { ImportKeys } from "./import-keys.js";
import type { RejectLog } from "./rejects.js";
import { Resubmission, type ResubmittedChild } from "./resubmission.js";

/**
 * Checks rows against each other and writes them. Rows arrive file by file
 * (children, homes, episodes, placements, reports); each file is one COPY
 * that runs while the rows are parsed. A row is checked only against rows
 * already accepted, so a row that conflicts is always the later one and
 * nothing written ever has to be taken back.
 */
export class HistoryLoader extends AreaRows {
  private readonly children = new BatchChildren();
  private readonly named: (ResubmittedChild & { index: number })[] = [];
  /** 1 for a batch child with a rejected row (by batch index); ids of rows rejected before their child's row. */
  private readonly rejectedRow = new Int32List();
  private readonly rejectedEarly = new ByteKeyMap();
  private resubmission: Resubmission | null = null;
  /** Per file: the stored rows it adds, replaces and removes (known after finish). */
  readonly changes: Record<string, FileChanges> = {};
  /** Per file that removes stored rows: how many, and how many its table held in the batch's areas before. */
  readonly removals: Removal[] = [];
  /** Children named again that keep their stored history because a row of theirs was rejected. */
  keptChildren = 0;
  private readonly spells = new ChildSpells();

  private constructor(
    session: CopySession,
    rejects: RejectLog,
    areas: AreaRegistry,
    batchId: number,
    fixedArea: number | null,
    keys: ImportKeys,
    rename: Partial<Record<Column, string>>,
    maxRejects: number,
  ) {
    super(session, rejects, areas, batchId, fixedArea, keys, rename, maxRejects);
  }

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

  /** A children row refused for its own fields: rows that refer to it say so. */
  childRejected(line: number, id: IdSpan): void {
    this.children.rejected(id, line);
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
    const first = this.children.indexOf(id);
    if (first >= 0)
      return this.rejectOf(
        first,
        line,
        "child_id",
        `child_id ${spanText(id)} appears twice (first on line ${this.children.line.data[first]})`,
      );
    const areaId = this.areaOf(line, site, state);
    if (areaId < 0) return this.childRejected(line, id);
    const groupKey = isEmpty(group) ? -1 : this.keys.groupKey(areaId, group);
    const key = this.keys.childKey(areaId, id);
    const existing = this.keys.wasKnown;
    const c = this.children.add(id, key, areaId, line);
    this.spells.addChild();
    this.rejectedRow.push(this.rejectedEarly.get(id.b, id.s, id.e) >= 0 ? 1 : 0);
    if (existing) {
      this.tally.written++;
      this.named.push({ key, birth, group: groupKey, sex, race, index: c });
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

  /** After children: the stored rows of the children named again are set aside (resubmission.ts). */
  async endChildren(): Promise<void> {
    await this.end();
    if (this.writing && this.named.length)
      this.resubmission = await Resubmission.begin(this.session, this.named, this.batchId);
  }

  /** A row of this child was rejected: a stored child then keeps its stored history. */
  childRowRejected(id: IdSpan): void {
    const c = this.children.indexOf(id);
    if (c >= 0) this.rejectedRow.data[c] = 1;
    else this.rejectedEarly.set(id.b, id.s, id.e, 1);
  }

  private rejectOf(c: number, line: number, column: Column, reason: string): void {
    this.rejectedRow.data[c] = 1;
    this.reject(line, column, reason);
  }

  /** The batch index of a child a row refers to, or -1 (rejected with the reason). */
  private childOf(line: number, id: IdSpan): number {
    const c = this.children.find(id);
    if (c >= 0) return c;
    const rejectedOn = this.children.rejectedOn(id);
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
      return this.rejectOf(c, line, "exit_date", `exit_date ${isoOf(exit)} is before removal_date ${isoOf(removal)}`);
    if (reason > 0 && exit === NO_DAY) return this.rejectOf(c, line, "exit_reason", "exit_reason without exit_date");
    const spells = this.spells;
    const overlapped = spells.episodeOverlapping(c, removal, exit);
    if (overlapped >= 0)
      return this.rejectOf(
        c,
        line,
        "removal_date",
        `the episode overlaps the episode on line ${spells.epLine.data[overlapped]} (removal_date ` +
          `${isoOf(spells.epRemoval.data[overlapped])})`,
      );
    spells.addEpisode(c, removal, exit, line);
    const t = this.wrote();
    if (!t) return;
    t.row(6);
    t.int4(this.children.key.data[c]);
    t.int4(this.children.area.data[c]);
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
    const spells = this.spells;
    const episode = spells.episodeRemovedOn(c, removal);
    if (episode < 0)
      return this.rejectOf(
        c,
        line,
        "removal_date",
        `child ${spanText(id)} has no episode with removal_date ${isoOf(removal)}`,
      );
    const exit = spells.epExit.data[episode];
    let end = endDay;
    if (start < removal)
      return this.rejectOf(
        c,
        line,
        "start_date",
        `start_date ${isoOf(start)} is before the episode's removal_date ${isoOf(removal)}`,
      );
    if (exit !== NO_DAY && start > exit)
      return this.rejectOf(
        c,
        line,
        "start_date",
        `start_date ${isoOf(start)} is after the episode's exit_date ${isoOf(exit)}`,
      );
    if (end !== NO_DAY && end < start)
      return this.rejectOf(c, line, "end_date", `end_date ${isoOf(end)} is before start_date ${isoOf(start)}`);
    if (exit !== NO_DAY && end !== NO_DAY && end > exit)
      return this.rejectOf(
        c,
        line,
        "end_date",
        `end_date ${isoOf(end)} is after the episode's exit_date ${isoOf(exit)}`,
      );
    // A placement left open in an episode that ended ended with it.
    if (exit !== NO_DAY && end === NO_DAY) end = exit;
    const overlapped = spells.placementOverlapping(c, start, end);
    if (overlapped >= 0)
      return this.rejectOf(
        c,
        line,
        "start_date",
        `the placement overlaps the placement on line ${spells.plLine.data[overlapped]} (start_date ` +
          `${isoOf(spells.plStart.data[overlapped])})`,
      );
    const home = isEmpty(homeId) ? -1 : this.keys.placementHome(this.children.area.data[c], homeId);
    spells.addPlacement(c, start, end, line);
    const t = this.wrote();
    if (!t) return;
    t.row(8);
    t.int4(this.children.key.data[c]);
    t.int4(this.children.area.data[c]);
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
    t.int4(this.children.key.data[c]);
    t.int4(this.children.area.data[c]);
    t.date(reportDay);
    t.date(incidentDay);
    t.int2(disposition);
  }

  /** Writes what the files only implied (sibling groups, homes known from placements), the areas, and the keys used. */
  async finish(): Promise<void> {
    if (!this.writing) return;
    await this.settled();
    await this.settleChanges();
    await this.keys.writeImplied(this.session, this.batchId);
    await this.keys.finish(this.session);
    await this.areas.finish(this.session.db);
  }

  /** The kept children get their stored rows back; each file's changes to the stored rows are counted. */
  private async settleChanges(): Promise<void> {
    const keptKeys = this.named.filter((n) => this.rejectedRow.data[n.index] === 1).map((n) => n.key);
    this.keptChildren = keptKeys.length;
    const settled = await countChanges({
      session: this.session,
      settled: this.resubmission ? await this.resubmission.settle(keptKeys) : null,
      tallies: this.tallies,
      tableOf: this.tableOf,
      namedChildren: this.named.length,
      keptChildren: keptKeys.length,
      namedHomes: this.namedHomes.length,
      areaIds: [...this.areas.touched],
    });
    Object.assign(this.changes, settled.changes);
    this.removals.push(...settled.removals);
  }
}
