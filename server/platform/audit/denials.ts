import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { deniedRouteAction } from "./actions.js";
import { recordAudit } from "./audit-log.js";

// The record a denied request was about, from its route parameters.
const subjectParams: [param: string, entityType: string][] = [
  ["childId", "child"],
  ["taskId", "practice_task"],
  ["hearingId", "court_hearing"],
  ["userId", "user_account"],
  ["siteId", "site"],
];

/**
 * Audits a signed-in request that was refused, whatever service refused it:
 * the action is the route tried, the entity the record it named. Sign-in
 * failures are audited where they happen (sign-in.ts); anonymous 401s are not
 * a denial of anything.
 */
export async function auditDenial(db: Kysely<Database>, request: FastifyRequest): Promise<void> {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const subject = subjectParams.find(([param]) => typeof params[param] === "string");
  const route = request.routeOptions?.url ?? request.url.split("?")[0];
  await recordAudit(db, request.actor ?? { userId: null, ip: request.ip, requestId: request.id }, {
    action: deniedRouteAction(request.method, route),
    entityType: subject ? subject[1] : "route",
    entityId: subject ? String(params[subject[0]]).slice(0, 100) : null,
    siteId: typeof params.siteId === "string" && /^[0-9a-f-]{36}$/.test(params.siteId) ? params.siteId : null,
    outcome: "denied",
  });
}
