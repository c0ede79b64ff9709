import type { ChildHistory, HomeRecord } from "../modules/outcomes/index.js";
import { type GeneratorOptions, HistorySimulation } from "./simulation.js";

export interface GeneratedHistories {
  /** Site codes; ChildHistory.site and HomeRecord.site index them. */
  sites: string[];
  /** Each site's two-letter state ("" for a custom code without a known state prefix). */
  siteStates: string[];
  histories: ChildHistory[];
  homes: HomeRecord[];
  /** The first day children can be removed on and the as-of day (days.ts). */
  firstDay: number;
  asOfDay: number;
}

/**
 * The generator in memory, for tests: the same simulation as `generateBundle`
 * (the same seed gives the same children), as ChildHistory and HomeRecord
 * objects ready for columnsFromHistories (history/columns.ts).
 */
export function generateHistories(options: GeneratorOptions): GeneratedHistories {
  const histories: ChildHistory[] = [];
  const homes: HomeRecord[] = [];
  const simulation = new HistorySimulation(options, {
    child: (c) => histories.push(c.history),
    home: (h) => homes.push(h),
  });
  while (!simulation.done) simulation.advance(10_000);
  return {
    sites: simulation.geography.sites,
    siteStates: simulation.geography.siteState,
    histories,
    homes,
    firstDay: simulation.firstDay,
    asOfDay: simulation.asOfDay,
  };
}
