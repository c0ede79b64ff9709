import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { VisibleArea } from "./area-context.js";
import type { HistoryColumns } from "./history/columns.js";
import { computeMeasures } from "./measures/engine.js";
import type { Period, PeriodResults } from "./measures/types.js";
import { readHistoryColumns } from "./read/read-columns.js";

export type AreaResults = PeriodResults & { sites: string[]; sources: SourcesBySite };

/**
 * Which kinds of records each area's data hold at all. An area without any
 * maltreatment report (a site that records none in its case records; an
 * import may leave the optional file out) would show S1 and S2 as 0 — "better than
 * the nation" — when the truth is "not measured"; the same for homes.
 */
export interface SourcesBySite {
  reports: boolean[];
  homes: boolean[];
}

function sourcesOf(columns: HistoryColumns): SourcesBySite {
  const reports = columns.sites.map(() => false);
  const homes = columns.sites.map(() => false);
  for (let c = 0; c < columns.childCount; c++)
    if (columns.reportStart[c + 1] > columns.reportStart[c]) reports[columns.site[c]] = true;
  for (const home of columns.homes) if (home.site < homes.length) homes[home.site] = true;
  return { reports, homes };
}

/** The histories of some areas, as columns (data/read-columns.ts). */
export async function columnsOf(db: Kysely<Database>, areas: VisibleArea[]): Promise<HistoryColumns> {
  return readHistoryColumns(db, { areaIds: areas.map((a) => a.id) });
}

/** Every measure for every period over the areas' children, in one engine pass. */
export async function computeForAreas(
  db: Kysely<Database>,
  areas: VisibleArea[],
  periods: Period[],
): Promise<AreaResults[]> {
  const columns = await columnsOf(db, areas);
  const sources = sourcesOf(columns);
  return computeMeasures(columns, periods).map((r) => ({ ...r, sites: columns.sites, sources }));
}
