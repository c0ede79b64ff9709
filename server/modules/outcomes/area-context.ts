import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { AppError } from "../../platform/errors/app-error.js";
import { zonedDay } from "../../platform/rules/zoned-time.js";
import { siteDirectory } from "../network/index.js";
import { dayOf } from "./history/days.js";
import { outcomeReach, stateGrantSites } from "./outcome-reach.js";
import { listAreas, type OutcomeArea } from "./read/areas.js";
import { outcomesRepository } from "./repository.js";
import type { AreaChoice } from "./schema.js";

/** An area the actor may see, with the facts every view of it needs. */
export interface VisibleArea extends OutcomeArea {
  /** The viewer is the site's own staff: exact figures. */
  exact: boolean;
  /** The site's QPI launch (platform areas only). */
  launchDay: number | null;
  /** The first removal in the data; null without data. */
  dataFrom: number | null;
  /** The last day the data describe (see dataAsOf). */
  dataAsOf: number | null;
}

/**
 * "Data as of": for a platform site, the day its records were last projected
 * (they describe every child as of that moment, open stays included); for an
 * import, the latest day its rows record — a file loaded today may describe
 * children only up to last September.
 */
function dataAsOf(area: OutcomeArea, lastDay: number | null, timeZone: string | undefined): number | null {
  // The site's calendar day of the projection (a refresh at 23:30 in Fresno describes that day, not UTC's next).
  const refreshed = area.refreshedAt ? dayOf(zonedDay(new Date(area.refreshedAt), timeZone ?? "UTC")) : null;
  if (area.source === "platform") return refreshed ?? lastDay;
  return lastDay ?? refreshed;
}

/**
 * Each area's first and last data day, by area and refresh: they change only
 * when the area's rows do, and every write sets refreshed_at, so an entry is
 * never stale and every instance answers alike. Without it every request
 * would scan the episode and placement tables (no area index: the importer's
 * COPY speed matters more).
 */
const spanCache = new Map<string, { first_day: string | null; last_day: string | null }>();
const SPAN_CACHE_MAX = 10_000;

async function spansOf(db: Kysely<Database>, areas: OutcomeArea[]) {
  const keyOf = (a: OutcomeArea) => `${a.id}:${a.refreshedAt ? new Date(a.refreshedAt).getTime() : "never"}`;
  const missing = areas.filter((a) => !spanCache.has(keyOf(a)));
  if (missing.length) {
    const rows = await outcomesRepository(db).dataSpans(missing.map((a) => a.id));
    if (spanCache.size + missing.length > SPAN_CACHE_MAX) spanCache.clear();
    for (const a of missing)
      spanCache.set(keyOf(a), rows.find((r) => r.area_id === a.id) ?? { first_day: null, last_day: null });
  }
  return new Map(areas.map((a) => [a.id, spanCache.get(keyOf(a))!]));
}

/** The areas in the actor's outcome reach (403 without outcomes:read anywhere). */
export async function visibleAreas(db: Kysely<Database>, actor: Actor): Promise<VisibleArea[]> {
  requireAccess(actor, "outcomes:read");
  const sites = siteDirectory(db);
  const [areas, grantSites] = await Promise.all([listAreas(db), sites.byIds(stateGrantSites(actor))]);
  const reach = outcomeReach(actor, new Map(grantSites.map((s) => [s.id, s.state_code])));
  const seen = areas.filter((a) => reach.sees(a));
  const [seenSites, spans] = await Promise.all([
    sites.byIds(seen.map((a) => a.siteId).filter((id): id is string => id !== null)),
    spansOf(db, seen),
  ]);
  return seen.map((area) => {
    const site = seenSites.find((s) => s.id === area.siteId);
    const span = spans.get(area.id);
    return {
      ...area,
      exact: reach.exact(area),
      launchDay: site?.qpi_launch_date ? dayOf(String(site.qpi_launch_date)) : null,
      dataFrom: span?.first_day ? dayOf(span.first_day) : null,
      dataAsOf: dataAsOf(area, span?.last_day ? dayOf(span.last_day) : null, site?.time_zone),
    };
  });
}

/** One area by code or by its site's id, or 404: an area outside the actor's reach does not exist for them. */
export async function visibleArea(db: Kysely<Database>, actor: Actor, choice: AreaChoice): Promise<VisibleArea> {
  const areas = await visibleAreas(db, actor);
  if (!choice.area && !choice.site)
    throw new AppError("validation", "error.validation", {}, [{ field: "area", messageKey: "validation.required" }]);
  const area = areas.find((a) => (choice.area ? a.code === choice.area : a.siteId === choice.site));
  if (!area) throw new AppError("not_found", "outcomes.area_not_found", { area: choice.area ?? choice.site ?? "" });
  return area;
}
