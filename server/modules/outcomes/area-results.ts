import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { readHistoryColumns } from "./data/read-columns.js";
import type { HistoryColumns } from "./history/columns.js";
import { computeMeasures } from "./measures/engine.js";
import type { Period, PeriodResults } from "./measures/types.js";
import type { VisibleArea } from "./area-context.js";

export type AreaResults = PeriodResults & { sites: string[] };

/** The histories of some areas, as columns (data/read-columns.ts). */
export async function columnsOf(db: Kysely<Database>, areas: VisibleArea[]): Promise<HistoryColumns> {
  return readHistoryColumns(db, { areaIds: areas.map((a) => a.id) });
}

/** Every measure for every period over the areas' children, in one engine pass. */
export async function computeForAreas(db: Kysely<Database>, areas: VisibleArea[], periods: Period[]): Promise<AreaResults[]> {
  const columns = await columnsOf(db, areas);
  return computeMeasures(columns, periods).map((r) => ({ ...r, sites: columns.sites }));
}
