import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { ChildIdParams } from "../children/schema.js";
import { PartnershipPlan, PartnershipSign } from "./schema.js";
import { partnershipService } from "./service.js";

/** The partnership plan of a child's placement: read it, sign it. */
export function registerPartnershipRoutes(app: App, deps: PlatformDeps) {
  const tags = ["partnership"];
  const plans = partnershipService(deps.db, deps.now);

  app.get(
    "/api/children/:childId/partnership-plan",
    {
      schema: {
        tags,
        summary: "The partnership plan of the child's current placement, with its signatures",
        params: ChildIdParams,
        response: { 200: PartnershipPlan },
      },
    },
    async (request) => plans.read(requireActor(request), request.params.childId),
  );

  app.post(
    "/api/children/:childId/partnership-plan/signatures",
    {
      schema: {
        tags,
        summary: "Sign the plan version shown (the caregiver, or a case-management representative)",
        params: ChildIdParams,
        body: PartnershipSign,
        response: {
          201: z.object({
            placementId: z.uuid(),
            party: z.enum(["caregiver", "agency"]),
            templateId: z.uuid(),
            textSha256: z.string(),
          }),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await plans.sign(requireActor(request), request.params.childId, request.body)),
  );
}
