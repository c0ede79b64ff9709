import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { type AuditSubject, auditTrail } from "../../platform/audit/audit-trail.js";
import type { AccessLog, AccessLogQuery } from "./access-log-schema.js";
import { childGate } from "./child-access.js";
import { childRecordRepository } from "./child-record-repository.js";

/**
 * The records audit rows name when they are about this child: the child
 * itself (reads, corrections, shares, denials) and the parts of its case
 * that services audit under their own ids.
 */
async function subjectsOf(db: Kysely<Database>, childId: string): Promise<AuditSubject[]> {
  const ids = await childRecordRepository(db).caseRecordIds(childId);
  return [
    { entityType: "child", entityIds: [childId] },
    { entityType: "removal_episode", entityIds: ids.episodes },
    { entityType: "placement", entityIds: ids.placements },
    { entityType: "child_team_member", entityIds: ids.team },
    { entityType: "court_hearing", entityIds: ids.hearings },
    { entityType: "practice_task", entityIds: ids.tasks },
    { entityType: "caregiver_report", entityIds: ids.reports },
  ];
}

/**
 * "Who viewed this record": the audit rows about a child, for holders of
 * audit:read in their scope; reading it is audited too.
 */
export function accessLogService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  return {
    async read(
      actor: Actor,
      childId: string,
      query: z.infer<typeof AccessLogQuery>,
    ): Promise<z.infer<typeof AccessLog>> {
      return withChild(actor, "audit:read", childId, {}, async ({ trx, child, audit }) => {
        // A list row names the children shown by id only when it showed one; lists are left out so the log
        // means the same for every child.
        const page = await auditTrail(trx, await subjectsOf(trx, childId), {
          siteId: child.site_id,
          before: query.before,
          limit: query.limit,
          excludeActions: ["child.list"],
        });
        await audit({ action: "child.access_log.read", fieldClasses: ["audit"] });
        return {
          entries: page.entries.map((e) => ({ ...e, outcome: e.outcome as "success" | "denied" | "failure" })),
          nextBefore: page.nextBefore,
        };
      });
    },
  };
}
