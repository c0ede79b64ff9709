import fc from "fast-check";
import { it } from "vitest";
import { addYears, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { worldArbitrary } from "./worlds.js";
it("share", () => {
  const worlds = fc.sample(worldArbitrary, { numRuns: 400, seed: 20_260_501 });
  let eps = 0, entries = 0, hidden = 0, both = 0, worldsWith = 0;
  for (const w of worlds) {
    let any = false;
    for (const h of w.histories) for (const e of h.episodes) {
      if (e.reportedPlacements === undefined) continue;
      eps++;
      const places = e.placements.filter((p) => (p.endDay === NO_DAY || p.endDay > p.startDay) && p.setting !== 7 && p.setting !== 8).length;
      const hid = (e.reportedPlacements ?? 0) > Math.max(1, places);
      const entry = h.birthDay !== NO_DAY && e.removalDay < addYears(h.birthDay, 18) && w.periods.some((p) => e.removalDay >= p.start && e.removalDay <= p.end);
      if (entry) entries++;
      if (hid) hidden++;
      if (entry && hid) { both++; any = true; }
    }
    if (any) worldsWith++;
  }
  console.log({ eps, entries, hidden, both, worldsWith });
});
