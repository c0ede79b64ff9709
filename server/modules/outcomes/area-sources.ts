import type { HistoryColumns } from "./history/columns.js";

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

export function sourcesOf(columns: HistoryColumns): SourcesBySite {
  const reports = columns.sites.map(() => false);
  const homes = columns.sites.map(() => false);
  for (let c = 0; c < columns.childCount; c++)
    if (columns.reportStart[c + 1] > columns.reportStart[c]) reports[columns.site[c]] = true;
  for (const home of columns.homes) if (home.site < homes.length) homes[home.site] = true;
  return { reports, homes };
}
