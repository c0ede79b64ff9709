import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { VisibleArea } from "./area-context.js";
import { type SourcesBySite, sourcesOf } from "./area-sources.js";
import { computeInWorker } from "./compute/compute-pool.js";
import { ComputationCache } from "./compute/outcome-cache.js";
import { dataVersionTag } from "./data-version.js";
import type { HistoryColumns } from "./history/columns.js";
import { computeMeasures } from "./measures/engine.js";
import type { Period, PeriodResults } from "./measures/types.js";
import { readHistoryColumns } from "./read/read-columns.js";

export type { SourcesBySite } from "./area-sources.js";
export type AreaResults = PeriodResults & { sites: string[]; sources: SourcesBySite };

/** The histories of some areas, as columns (data/read-columns.ts). */
export async function columnsOf(db: Kysely<Database>, areas: VisibleArea[]): Promise<HistoryColumns> {
  return readHistoryColumns(db, { areaIds: areas.map((a) => a.id) });
}

/** Every measure for every period over the areas' children, on the calling thread, uncached (the reference path). */
export async function computeHere(db: Kysely<Database>, areaIds: number[], periods: Period[]): Promise<AreaResults[]> {
  const columns = await readHistoryColumns(db, { areaIds });
  const sources = sourcesOf(columns);
  return computeMeasures(columns, periods).map((r) => ({ ...r, sites: columns.sites, sources }));
}

/** One cache per database (tests open several in one process; each has its own versions). */
const caches = new WeakMap<Kysely<Database>, ComputationCache<AreaResults[]>>();

export function outcomeCache(db: Kysely<Database>): ComputationCache<AreaResults[]> {
  let cache = caches.get(db);
  if (!cache)
    caches.set(
      db,
      (cache = new ComputationCache(Math.max(1, Math.floor(Number(process.env.QPI_OUTCOMES_CACHE_ENTRIES) || 128)))),
    );
  return cache;
}

/** `QPI_OUTCOMES_WORKER=off` computes on the event loop (the old way; for comparison and diagnosis only). */
const inWorker = () => process.env.QPI_OUTCOMES_WORKER !== "off";

/**
 * Every measure for every period over the areas' children, in one engine pass:
 * cached per (areas, periods, data version), computed once for concurrent
 * identical requests, in the compute worker. The caller applies the actor's
 * access and suppression to the shared result (it must not change it).
 */
export async function computeForAreas(
  db: Kysely<Database>,
  areas: VisibleArea[],
  periods: Period[],
): Promise<AreaResults[]> {
  const ids = areas.map((a) => a.id).sort((a, b) => a - b);
  const version = await dataVersionTag(db);
  const cache = outcomeCache(db);
  cache.keepVersion(version);
  const key = `v${version}:${ids.join(",")}:${periods.map((p) => `${p.start}-${p.end}`).join(",")}`;
  return cache.get(key, () => (inWorker() ? computeInWorker(db, ids, periods) : computeHere(db, ids, periods)));
}
