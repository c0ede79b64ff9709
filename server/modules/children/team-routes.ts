import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { ChildIdParams } from "./schema.js";
import {
  CaseworkerChoices,
  CaseworkerHandover,
  HandoverWritten,
  TeamMemberAdd,
  TeamMemberEnd,
  TeamMemberParams,
  TeamMemberWritten,
  TeamView,
} from "./team-schema.js";
import { teamService } from "./team-service.js";

/** The child's team with dates. */
export function registerTeamRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const team = teamService(deps.db, deps.now);

  app.get(
    "/api/children/:childId/team",
    {
      schema: {
        tags,
        summary: "The child's team, current and past, with phones and emails, and the caseworker handovers",
        params: ChildIdParams,
        response: { 200: TeamView },
      },
    },
    async (request) => team.list(requireActor(request), request.params.childId),
  );

  app.get(
    "/api/children/:childId/team/caseworkers",
    {
      schema: {
        tags,
        summary: "The caseworkers of the child's site a handover can go to",
        params: ChildIdParams,
        response: { 200: CaseworkerChoices },
      },
    },
    async (request) => team.caseworkers(requireActor(request), request.params.childId),
  );

  app.post(
    "/api/children/:childId/team/handover",
    {
      schema: {
        tags,
        summary: "Replace the child's caseworker from a day; the open tasks move to the new caseworker",
        params: ChildIdParams,
        body: CaseworkerHandover,
        response: { 201: HandoverWritten },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await team.handover(requireActor(request), request.params.childId, request.body)),
  );

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
