import { z } from "zod";
import { sendStoredFile } from "../../platform/files/index.js";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { FamilyChildParams, FamilyChildren, MyChild, YouthPage } from "./schema.js";
import { familyService } from "./service.js";

/** The birth parent's pages: their children, and one child's page. */
export function registerFamilyRoutes(app: App, deps: PlatformDeps) {
  const tags = ["family"];
  const family = familyService(deps.db, deps.now);

  app.get(
    "/api/family/children",
    { schema: { tags, summary: "The birth parent's own children", response: { 200: FamilyChildren } } },
    async (request) => family.children(requireActor(request)),
  );

  app.get(
    "/api/family/children/:childId",
    {
      schema: {
        tags,
        summary: "The birth parent's page about their child (visits, meetings, court dates, caseworker)",
        params: FamilyChildParams,
        response: { 200: MyChild },
      },
    },
    async (request) => family.myChild(requireActor(request), request.params.childId),
  );

  app.get(
    "/api/family/children/:childId/life-book/:itemId/photo",
    {
      schema: {
        tags,
        summary: "A life-book photo the caregiver shared with the birth parent",
        params: FamilyChildParams.extend({ itemId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await family.sharedPhoto(requireActor(request), request.params.childId, request.params.itemId);
      return sendStoredFile(reply, file);
    },
  );

  app.get(
    "/api/youth/me",
    {
      schema: { tags, summary: "The youth's own page: team, court dates, home, rights", response: { 200: YouthPage } },
    },
    async (request) => family.youthPage(requireActor(request)),
  );
}
