import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { AccessLog, AccessLogQuery } from "./access-log-schema.js";
import { accessLogService } from "./access-log-service.js";
import { MaltreatmentReportList } from "./report-schema.js";
import { reportService } from "./report-service.js";
import { ChildIdParams } from "./schema.js";
import { ShareCreate, ShareList, ShareParams, ShareView } from "./share-schema.js";
import { shareService } from "./share-service.js";

/**
 * Who may see a child's record beyond assignment (shares), who did see it
 * (access log), and the case record's maltreatment reports.
 */
export function registerRecordAccessRoutes(app: App, deps: PlatformDeps) {
  const tags = ["record access"];
  const shares = shareService(deps.db, deps.now);
  const accessLog = accessLogService(deps.db, deps.now);
  const reports = reportService(deps.db, deps.now);

  app.get(
    "/api/children/:childId/shares",
    {
      schema: {
        tags,
        summary: "Who the child's record is shared with, for what reason, until when (also ended and revoked shares)",
        params: ChildIdParams,
        response: { 200: ShareList },
      },
    },
    async (request) => shares.list(requireActor(request), request.params.childId),
  );
  app.post(
    "/api/children/:childId/shares",
    {
      schema: {
        tags,
        summary: "Share the child's record with a named user of the site, for a reason, until a date",
        params: ChildIdParams,
        body: ShareCreate,
        response: { 201: ShareView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await shares.grant(requireActor(request), request.params.childId, request.body)),
  );
  app.post(
    "/api/children/:childId/shares/:shareId/revoke",
    { schema: { tags, summary: "End a share now", params: ShareParams, response: { 200: ShareView } } },
    async (request) => shares.revoke(requireActor(request), request.params.childId, request.params.shareId),
  );
  app.get(
    "/api/children/:childId/access-log",
    {
      schema: {
        tags,
        summary: "Who viewed or changed this child's record, newest first (audit:read)",
        params: ChildIdParams,
        querystring: AccessLogQuery,
        response: { 200: AccessLog },
      },
    },
    async (request) => accessLog.read(requireActor(request), request.params.childId, request.query),
  );
  app.get(
    "/api/children/:childId/reports",
    {
      schema: {
        tags: ["children"],
        summary: "Maltreatment reports of the child's case record; the reporter only for those who may know",
        params: ChildIdParams,
        response: { 200: MaltreatmentReportList },
      },
    },
    async (request) => reports.list(requireActor(request), request.params.childId),
  );
}
