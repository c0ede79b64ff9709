import type { Actor } from "../../platform/access/actor.js";
import { heldPermissions } from "../../platform/access/require-access.js";
import type { OutcomeArea } from "./read/areas.js";

/**
 * Which outcome areas an actor sees, and where they see exact figures.
 * `outcomes:read` reaches (migrations 0004, 0340):
 *
 *  site     the area of the grant's site — exact figures: the site's own
 *           supervisors, QPI coordinator and analyst know these children
 *  state    every area of the grant site's state — suppressed
 *  network  every area — suppressed
 *
 * An area made by an import without a site has no own staff: it is seen only
 * through 'state' or 'network', always suppressed. Other scopes (unit,
 * assigned, own) never reach aggregates.
 */
export interface OutcomeReach {
  sees(area: Pick<OutcomeArea, "siteId" | "stateCode">): boolean;
  /** The viewer is the area's own staff: no suppression. */
  exact(area: Pick<OutcomeArea, "siteId">): boolean;
}

export function outcomeReach(actor: Actor, stateOfSite: ReadonlyMap<string, string>): OutcomeReach {
  const held = heldPermissions(actor, "outcomes:read");
  const exactSites = new Set(held.filter((p) => p.scope === "site").map((p) => p.siteId));
  const states = new Set(
    held
      .filter((p) => p.scope === "state")
      .map((p) => stateOfSite.get(p.siteId))
      .filter((s): s is string => s !== undefined),
  );
  const network = held.some((p) => p.scope === "network");
  return {
    sees: (area) => network || (area.siteId !== null && exactSites.has(area.siteId)) || states.has(area.stateCode),
    exact: (area) => area.siteId !== null && exactSites.has(area.siteId),
  };
}

/** The sites whose state a 'state' grant needs to know. */
export function stateGrantSites(actor: Actor): string[] {
  return [
    ...new Set(
      heldPermissions(actor, "outcomes:read")
        .filter((p) => p.scope === "state")
        .map((p) => p.siteId),
    ),
  ];
}
