import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { hasPermission } from "../../platform/access/require-access.js";
import { taskService } from "../children/index.js";
import type { VisibleArea } from "./area-context.js";
import { isoOf } from "./history/days.js";
import type { Period } from "./measures/types.js";
import type { PracticeTimelinessRow } from "./schema.js";

/**
 * Practice timeliness for the report's period, from the children module's
 * own service (its scope: practice:report — the site's supervisors and QPI
 * coordinator). Others get null: on-time rates per unit are practice
 * management, not outcome aggregates.
 */
export async function practiceTimeliness(db: Kysely<Database>, actor: Actor, area: VisibleArea, period: Period) {
  if (area.siteId === null || !hasPermission(actor, "practice:report", area.siteId)) return null;
  const from = isoOf(period.start);
  const to = isoOf(period.end);
  const { rows } = await taskService(db).timeliness(actor, 0, undefined, { from, to, siteId: area.siteId });
  const byPractice = new Map<string, z.infer<typeof PracticeTimelinessRow>>();
  for (const r of rows) {
    const sum = byPractice.get(r.practice) ?? {
      practice: r.practice,
      onTime: 0,
      late: 0,
      overdue: 0,
      pending: 0,
      notRequired: 0,
      onTimeRate: null,
    };
    sum.onTime += r.onTime;
    sum.late += r.late;
    sum.overdue += r.overdue;
    sum.pending += r.pending;
    sum.notRequired += r.notRequired;
    byPractice.set(r.practice, sum);
  }
  // The same rate as the timeliness page: on time of those due and done or overdue.
  for (const sum of byPractice.values()) {
    const due = sum.onTime + sum.late + sum.overdue;
    sum.onTimeRate = due > 0 ? Math.round((1000 * sum.onTime) / due) / 1000 : null;
  }
  return { from, to, rows: [...byPractice.values()] };
}
