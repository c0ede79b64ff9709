import { type Kysely, sql } from "kysely";
import { type BulkCopy, bulkCopyOf } from "../../../db/bulk-copy.js";
import type { Database } from "../../../db/database.js";
import { emptyColumns, type HistoryColumns } from "../history/columns.js";
import { NO_DAY } from "../history/days.js";
import type { HomeRecord } from "../history/model.js";
import { HomeKind } from "../tables.js";
import { countBytes, type DecodedColumn, decodeBinaryCopy, type IntColumns } from "./copy-decoder.js";
import "../tables.js";

export interface HistoryFilter {
  /** Only these areas (outcome_area.id); every area when absent. */
  areaIds?: number[];
}

const int4 = (nullValue = -1): DecodedColumn => ({ kind: 4, nullValue });
const int2 = (nullValue = 0): DecodedColumn => ({ kind: 2, nullValue });
const day: DecodedColumn = { kind: "date", nullValue: NO_DAY };

/** The rows the reader takes, table by table; the scan reads exactly these. No ORDER BY: the reader sorts. */
export function historyQueries(filter: HistoryFilter) {
  const ids = filter.areaIds?.map((id) => Math.trunc(Number(id))).filter(Number.isFinite);
  const inAreas = ids ? `area_id IN (${ids.length ? ids.join(",") : "NULL"})` : "true";
  // A big table's rows of some areas are found through its children (the index on child_key), not by scanning it.
  const ofChildren = ids ? `child_key IN (SELECT child_key FROM outcome_child WHERE ${inAreas})` : "true";
  return {
    children: {
      sql: `SELECT child_key, area_id, birth_day, sex, race, sibling_group FROM outcome_child WHERE ${inAreas}`,
      columns: [int4(), int4(), day, int2(), int2(), int4()],
    },
    episodes: {
      sql:
        `SELECT child_key, removal_day, exit_day, exit_reason, reported_placements FROM outcome_episode WHERE ` +
        `${ofChildren}`,
      columns: [int4(), day, day, int2(), int2()],
    },
    placements: {
      sql:
        `SELECT child_key, removal_day, start_day, end_day, setting, change_kind, home_key FROM ` +
        `outcome_placement WHERE ${ofChildren}`,
      columns: [int4(), day, day, day, int2(), int2(9), int4()],
    },
    reports: {
      sql:
        `SELECT child_key, report_day, incident_day, disposition FROM outcome_maltreatment_report WHERE ` +
        `${ofChildren}`,
      columns: [int4(), day, day, int2()],
    },
    homes: {
      sql:
        `SELECT home_key, area_id, inquiry_day, approved_day, closed_day, closure_reason, kind FROM ` +
        `outcome_home WHERE ${inAreas} AND kind IN (${HomeKind.resourceFamily}, ${HomeKind.relative})`,
      columns: [int4(), int4(), day, day, day, int2(), int2()],
    },
  };
}

function copyOf(db: Kysely<Database>): BulkCopy {
  const copy = bulkCopyOf(db);
  if (!copy)
    throw new Error(
      "readHistoryColumns needs the database openDatabase returned (it reads by binary COPY), not a transaction",
    );
  return copy;
}

/**
 * Reads the same rows readHistoryColumns reads, once, without decoding them: the floor of any reader. Returns the bytes
 * read.
 */
export async function scanHistoryRows(db: Kysely<Database>, filter: HistoryFilter = {}): Promise<number> {
  const copy = copyOf(db);
  const q = historyQueries(filter);
  const sizes = await Promise.all(
    [q.children, q.episodes, q.placements, q.reports, q.homes].map((t) => countBytes(copy.copyOut(t.sql))),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * The outcome histories of the chosen areas as columns (history/columns.ts):
 * children in child_key order, each child's episodes by removal day, each
 * episode's placements by start day, reports by report day. `sites` are the
 * areas' codes in area id order; a child's `site` indexes it. Every table is
 * read by binary COPY (the five at once: PostgreSQL produces while Node
 * decodes) and sorted here by counting, so PostgreSQL sorts nothing.
 */
export async function readHistoryColumns(db: Kysely<Database>, filter: HistoryFilter = {}): Promise<HistoryColumns> {
  const copy = copyOf(db);
  const q = historyQueries(filter);
  let areaQuery = db.selectFrom("outcome_area").select(["id", "code"]).orderBy("id");
  if (filter.areaIds) areaQuery = areaQuery.where("id", "in", filter.areaIds.length ? filter.areaIds : [-1]);
  const size = filter.areaIds ? {} : await rowEstimates(db);
  const [areas, children, episodes, placements, reports, homes] = await Promise.all([
    areaQuery.execute(),
    decodeBinaryCopy(copy.copyOut(q.children.sql), q.children.columns, size.outcome_child),
    decodeBinaryCopy(copy.copyOut(q.episodes.sql), q.episodes.columns, size.outcome_episode),
    decodeBinaryCopy(copy.copyOut(q.placements.sql), q.placements.columns, size.outcome_placement),
    decodeBinaryCopy(copy.copyOut(q.reports.sql), q.reports.columns, size.outcome_maltreatment_report),
    decodeBinaryCopy(copy.copyOut(q.homes.sql), q.homes.columns, size.outcome_home),
  ]);
  const siteIndex = new Map(areas.map((a, i) => [a.id, i]));
  return assembleColumns(
    areas.map((a) => a.code),
    siteIndex,
    children,
    episodes,
    placements,
    reports,
    homes,
  );
}

/** The planner's row counts (a little over), so the decoded columns are allocated once. */
export async function rowEstimates(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await sql<{ relname: string; n: number }>`
    SELECT relname, reltuples::float8 AS n FROM pg_class
    WHERE relname IN ('outcome_child', 'outcome_episode', 'outcome_placement', \
'outcome_maltreatment_report', 'outcome_home') AND relkind = 'r'`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.relname, Math.ceil(Math.max(0, Number(r.n)) * 1.02) + 1024]));
}

/** Counting sorts of the decoded rows into HistoryColumns. */
export function assembleColumns(
  sites: string[],
  siteIndex: Map<number, number>,
  children: IntColumns,
  episodes: IntColumns,
  placements: IntColumns,
  reports: IntColumns,
  homes: IntColumns,
): HistoryColumns {
  const [cKey, cArea, cBirth, cSex, cRace, cGroup] = children.data;
  let maxKey = 0;
  for (let i = 0; i < children.length; i++) if (cKey[i] > maxKey) maxKey = cKey[i];
  // Position of each child key (children in key order); -1: not a child read.
  const position = new Int32Array(maxKey + 1).fill(-1);
  for (let i = 0; i < children.length; i++) position[cKey[i]] = i;
  let n = 0;
  const order = new Int32Array(children.length);
  for (let key = 0; key <= maxKey; key++) {
    const i = position[key];
    if (i >= 0) {
      order[n] = i;
      position[key] = n++;
    }
  }
  const positionOf = (key: number) => (key >= 0 && key <= maxKey ? position[key] : -1);

  // Episodes grouped by child, then by removal day within the child.
  const [eChild, eRemoval, eExit, eReason, eReported] = episodes.data;
  const eStart = new Int32Array(n + 1);
  const eOrder = groupBy(
    episodes.length,
    (i) => positionOf(eChild[i]),
    n,
    eStart,
    (a, b) => eRemoval[a] - eRemoval[b],
  );
  // Placements to their episode (same child, same removal day), then by start day.
  const [pChild, pRemoval, pStart, pEnd, pSetting, pChange, pHome] = placements.data;
  const pEpisode = new Int32Array(placements.length);
  for (let i = 0; i < placements.length; i++) {
    const c = positionOf(pChild[i]);
    pEpisode[i] = -1;
    if (c < 0) continue;
    for (let k = eStart[c]; k < eStart[c + 1]; k++) {
      if (eRemoval[eOrder[k]] === pRemoval[i]) {
        pEpisode[i] = k;
        break;
      }
    }
  }
  const pStartOf = new Int32Array(eOrder.length + 1);
  const pOrder = groupBy(
    placements.length,
    (i) => pEpisode[i],
    eOrder.length,
    pStartOf,
    (a, b) => pStart[a] - pStart[b],
  );
  const [rChild, rDay, rIncident, rDisposition] = reports.data;
  const rStart = new Int32Array(n + 1);
  const rOrder = groupBy(
    reports.length,
    (i) => positionOf(rChild[i]),
    n,
    rStart,
    (a, b) => rDay[a] - rDay[b],
  );

  const cols = emptyColumns(sites, n, eOrder.length, pOrder.length, rOrder.length);
  for (let c = 0; c < n; c++) {
    const i = order[c];
    cols.childKey[c] = cKey[i];
    cols.birthDay[c] = cBirth[i];
    cols.sex[c] = cSex[i];
    cols.race[c] = cRace[i];
    cols.site[c] = siteIndex.get(cArea[i]) ?? 0;
    cols.siblingGroup[c] = cGroup[i];
  }
  cols.episodeStart.set(eStart);
  cols.reportStart.set(rStart);
  const reported = new Uint8Array(eOrder.length);
  for (let k = 0; k < eOrder.length; k++) {
    const i = eOrder[k];
    cols.removalDay[k] = eRemoval[i];
    cols.exitDay[k] = eExit[i];
    cols.exitReason[k] = eReason[i];
    reported[k] = Math.min(255, eReported[i]);
  }
  cols.reportedPlacements = reported;
  cols.placementStart.set(pStartOf);
  for (let k = 0; k < pOrder.length; k++) {
    const i = pOrder[k];
    cols.startDay[k] = pStart[i];
    cols.endDay[k] = pEnd[i];
    cols.setting[k] = pSetting[i];
    cols.changeKind[k] = pChange[i];
    cols.homeKey[k] = pHome[i];
  }
  for (let k = 0; k < rOrder.length; k++) {
    const i = rOrder[k];
    cols.reportDay[k] = rDay[i];
    cols.incidentDay[k] = rIncident[i];
    // Substantiated (1) or indicated (2): the only reports the safety indicators count.
    cols.substantiated[k] = rDisposition[i] === 1 || rDisposition[i] === 2 ? 1 : 0;
  }
  cols.homes = homesOf(homes, siteIndex);
  return cols;
}

/**
 * Row indexes grouped by `groupOf` (rows of group -1 are dropped), groups in
 * order, rows of a group sorted by `compare` (groups are small: insertion
 * sort). Fills `starts` (groups + 1 offsets).
 */
function groupBy(
  rows: number,
  groupOf: (i: number) => number,
  groups: number,
  starts: Int32Array,
  compare: (a: number, b: number) => number,
): Int32Array {
  const group = new Int32Array(rows);
  let kept = 0;
  for (let i = 0; i < rows; i++) {
    const g = groupOf(i);
    group[i] = g;
    if (g >= 0) {
      starts[g + 1]++;
      kept++;
    }
  }
  for (let g = 0; g < groups; g++) starts[g + 1] += starts[g];
  const fill = starts.slice(0, groups);
  const out = new Int32Array(kept);
  for (let i = 0; i < rows; i++) if (group[i] >= 0) out[fill[group[i]]++] = i;
  for (let g = 0; g < groups; g++) {
    for (let k = starts[g] + 1; k < starts[g + 1]; k++) {
      const v = out[k];
      let j = k - 1;
      while (j >= starts[g] && compare(out[j], v) > 0) {
        out[j + 1] = out[j];
        j--;
      }
      out[j + 1] = v;
    }
  }
  return out;
}

function homesOf(homes: IntColumns, siteIndex: Map<number, number>): HomeRecord[] {
  const [key, area, inquiry, approved, closed, reason, kind] = homes.data;
  const out: HomeRecord[] = [];
  for (let i = 0; i < homes.length; i++) {
    out.push({
      key: key[i],
      site: siteIndex.get(area[i]) ?? 0,
      inquiryDay: inquiry[i],
      approvedDay: approved[i],
      closedDay: closed[i],
      closureReason: reason[i],
      kin: kind[i] === HomeKind.relative,
    });
  }
  return out.sort((a, b) => a.key - b.key);
}
