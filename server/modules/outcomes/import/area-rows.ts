import type { CopySession } from "../../../db/bulk-copy.js";
import { isoOf, NO_DAY } from "../history/days.js";
import { type AreaRegistry, RowAreas } from "./area-registry.js";
import type { Column } from "./copy-targets.js";
import { FileCopies } from "./file-copies.js";
import { type IdSpan, spanText } from "./id-span.js";
import { type ImportKeys, writeHome } from "./import-keys.js";
import type { RejectLog } from "./rejects.js";
import { type ResubmittedHome, updateResubmittedHomes } from "./resubmission.js";

/**
 * What every row of a batch may need besides its child: its area (from its site and state, or --site), the keys
 * (children, homes, sibling groups), and the homes file, which refers to nothing but areas.
 */
export abstract class AreaRows extends FileCopies {
  protected readonly namedHomes: ResubmittedHome[] = [];
  private readonly rowAreas: RowAreas;

  protected constructor(
    session: CopySession,
    rejects: RejectLog,
    readonly areas: AreaRegistry,
    protected readonly batchId: number,
    protected readonly fixedArea: number | null,
    protected readonly keys: ImportKeys,
    rename: Partial<Record<Column, string>>,
    maxRejects: number,
  ) {
    super(session, rejects, rename, maxRejects);
    this.rowAreas = new RowAreas(areas, fixedArea);
  }

  protected areaOf(line: number, site: IdSpan, state: IdSpan): number {
    const area = this.rowAreas.of(site, state);
    if (typeof area === "number") return area;
    this.reject(line, area.column, area.reason);
    return -1;
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
}
