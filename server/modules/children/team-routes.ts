import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { ChildIdParams } from "./schema.js";
import { TeamMemberAdd, TeamMemberEnd, TeamMemberParams, TeamMemberWritten } from "./team-schema.js";
import { teamService } from "./team-service.js";

/** The child's team with dates. */
export function registerTeamRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const team = teamService(deps.db, deps.now);

  app.post(
    "/api/children/:childId/team",
    {
      schema: {
        tags,
        summary: "Add a member to the child's team from a date",
        params: ChildIdParams,
        body: TeamMemberAdd,
        response: { 201: TeamMemberWritten },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await team.add(requireActor(request), request.params.childId, request.body)),
  );

  app.post(
    "/api/children/:childId/team/:memberId/end",
    {
      schema: {
        tags,
        summary: "End a team membership on a date",
        params: TeamMemberParams,
        body: TeamMemberEnd,
        response: { 200: TeamMemberWritten },
      },
    },
    async (request) => team.end(requireActor(request), request.params.childId, request.params.memberId, request.body),
  );
}
