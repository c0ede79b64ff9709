import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { type AuditSubject, auditTrail } from "../../platform/audit/audit-trail.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { AccessLog, AccessLogQuery } from "./access-log-schema.js";
import { placementRepository } from "./placement-repository.js";
import "./tables.js";

/**
 * The records audit rows name when they are about this child: the child
 * itself (reads, corrections, shares, denials) and the parts of its case
 * that services audit under their own ids.
 */
async function subjectsOf(db: Kysely<Database>, childId: string): Promise<AuditSubject[]> {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const [episodes, placements, team, hearings, tasks, reports] = await Promise.all([
    db.selectFrom("removal_episode").select("id").where("child_id", "=", childId).execute(),
    db.selectFrom("placement").select("id").where("child_id", "=", childId).execute(),
    db.selectFrom("child_team_member").select("id").where("child_id", "=", childId).execute(),
    db.selectFrom("court_hearing").select("id").where("child_id", "=", childId).execute(),
    db.selectFrom("practice_task").select("id").where("child_id", "=", childId).execute(),
    db.selectFrom("caregiver_report").select("id").where("child_id", "=", childId).execute(),
  ]);
  return [
    { entityType: "child", entityIds: [childId] },
    { entityType: "removal_episode", entityIds: ids(episodes) },
    { entityType: "placement", entityIds: ids(placements) },
    { entityType: "child_team_member", entityIds: ids(team) },
    { entityType: "court_hearing", entityIds: ids(hearings) },
    { entityType: "practice_task", entityIds: ids(tasks) },
    { entityType: "caregiver_report", entityIds: ids(reports) },
  ];
}

/** "Who viewed this record": the audit rows about a child, for holders of audit:read in their scope; reading it is audited too. */
export function accessLogService(db: Kysely<Database>) {
  return {
    async read(
      actor: Actor,
      childId: string,
      query: z.infer<typeof AccessLogQuery>,
    ): Promise<z.infer<typeof AccessLog>> {
      requireAccess(actor, "audit:read");
      return db.transaction().execute(async (trx) => {
        const child = await placementRepository(trx).childFor(actor, "audit:read", childId);
        if (!child) throw new AppError("not_found");
        // A list row names the children shown by id only when it showed one; lists are left out so the log means the same for every child.
        const page = await auditTrail(trx, await subjectsOf(trx, childId), {
          siteId: child.site_id,
          before: query.before,
          limit: query.limit,
          excludeActions: ["child.list"],
        });
        await recordAudit(trx, actor, {
          action: "child.access_log.read",
          entityType: "child",
          entityId: childId,
          siteId: child.site_id,
          fieldClasses: ["audit"],
          outcome: "success",
        });
        return {
          entries: page.entries.map((e) => ({ ...e, outcome: e.outcome as "success" | "denied" | "failure" })),
          nextBefore: page.nextBefore,
        };
      });
    },
  };
}
