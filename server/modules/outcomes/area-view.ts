import type { z } from "zod";
import type { VisibleArea } from "./area-context.js";
import { isoOf } from "./history/days.js";
import {
  defaultPeriodStart,
  halfYearStartOnOrAfter,
  latestCompletePeriodStart,
  offeredPeriodStarts,
} from "./periods.js";
import type { AreaView } from "./schema.js";
import { isSmallCell } from "./suppression.js";

const todayDay = () => Math.floor(Date.now() / 86_400_000);

/**
 * The period a view opens on: the latest whose 12-month follow-up is
 * complete (periods.ts defaultPeriodStart) — unless the data are too short
 * for one, then the latest complete 12 months.
 */
export function chosenPeriodStart(area: VisibleArea): number {
  const asOf = area.dataAsOf ?? todayDay();
  const preferred = defaultPeriodStart(asOf);
  if (area.dataFrom === null || preferred >= halfYearStartOnOrAfter(area.dataFrom)) return preferred;
  return latestCompletePeriodStart(asOf);
}

export function areaView(area: VisibleArea): z.infer<typeof AreaView> {
  const asOf = area.dataAsOf;
  return {
    code: area.code,
    name: area.name,
    stateCode: area.stateCode,
    siteId: area.siteId,
    source: area.source,
    refreshedAt: area.refreshedAt ? new Date(area.refreshedAt).toISOString() : null,
    dataAsOf: asOf === null ? null : isoOf(asOf),
    children: area.exact || !isSmallCell(area.children) ? area.children : null,
    exact: area.exact,
    qpiLaunchDate: area.launchDay === null ? null : isoOf(area.launchDay),
    defaultPeriodStart: asOf === null ? null : isoOf(chosenPeriodStart(area)),
    periodStarts: asOf === null || area.dataFrom === null ? [] : offeredPeriodStarts(area.dataFrom, asOf).map(isoOf),
  };
}
