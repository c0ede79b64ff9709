import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import {
  ConcernParams,
  ConcernRaise,
  ConcernStep,
  concernStatuses,
  MyConcern,
  MyConcerns,
  SiteConcerns,
  SiteParams,
} from "./concern-schema.js";
import { concernService } from "./concern-service.js";

/** Concerns: the family member's own (read, raise) and the site's (the QPI coordinator's list and next steps). */
export function registerConcernRoutes(app: App, deps: PlatformDeps) {
  const tags = ["improve"];
  const concerns = concernService(deps.db, deps.now);

  app.get(
    "/api/improve/my-concerns",
    {
      schema: {
        tags,
        summary: "The concerns the caller raised, with their status and answers, and where to report abuse",
        response: { 200: MyConcerns },
      },
    },
    async (request) => concerns.mine(requireActor(request)),
  );

  app.post(
    "/api/improve/my-concerns",
    {
      schema: {
        tags,
        summary: "Raise a concern with the site's QPI coordinator (not a report of abuse)",
        body: ConcernRaise,
        response: { 201: MyConcern },
      },
    },
    async (request, reply) => reply.code(201).send(await concerns.raise(requireActor(request), request.body)),
  );

  app.get(
    "/api/improve/sites/:siteId/concerns",
    {
      schema: {
        tags,
        summary: "The concerns raised at a site (the QPI coordinator's list); a withheld name is never sent",
        params: SiteParams,
        response: { 200: SiteConcerns },
      },
    },
    async (request) => concerns.ofSite(requireActor(request), request.params.siteId),
  );

  app.post(
    "/api/improve/concerns/:concernId/steps",
    {
      schema: {
        tags,
        summary: "Acknowledge a concern, answer it, or close it with a note",
        params: ConcernParams,
        body: ConcernStep,
        response: {
          200: z.object({ id: z.uuid(), status: z.enum(concernStatuses), version: z.number().int() }),
        },
      },
    },
    async (request) => concerns.step(requireActor(request), request.params.concernId, request.body),
  );
}
