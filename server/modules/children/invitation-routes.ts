import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { Invitation } from "../identity/index.js";
import { ChildInvitationCreate, InvitationCandidates } from "./invitation-schema.js";
import { childInvitationService } from "./invitation-service.js";
import { ChildIdParams } from "./schema.js";

/** Invitations from the child's page, for the people already on the child's record. */
export function registerChildInvitationRoutes(app: App, deps: PlatformDeps) {
  const tags = ["children"];
  const invitations = childInvitationService(deps.db, deps.now);

  app.get(
    "/api/children/:childId/invitations",
    {
      schema: {
        tags,
        summary: "The people of the child's record who can be invited (youth, birth parents, caregivers)",
        params: ChildIdParams,
        response: { 200: InvitationCandidates },
      },
    },
    async (request) => invitations.candidates(requireActor(request), request.params.childId),
  );

  app.post(
    "/api/children/:childId/invitations",
    {
      schema: {
        tags,
        summary: "Invite a person of the child's record with the role they hold there",
        params: ChildIdParams,
        body: ChildInvitationCreate,
        response: { 201: Invitation },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await invitations.invite(requireActor(request), request.params.childId, request.body)),
  );
}
