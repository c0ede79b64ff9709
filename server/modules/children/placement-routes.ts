import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import {
  EpisodeCreate,
  EpisodeExit,
  EpisodeParams,
  PlacementHistory,
  PlacementMove,
  PlacementParams,
  PlacementWritten,
  PlannedMoveCancel,
} from "./placement-schema.js";
import { placementService } from "./placement-service.js";
import { ChildIdParams } from "./schema.js";

/** Removal episodes and placements: the history, a removal, a move, an exit from care. */
export function registerPlacementRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const placements = placementService(deps.db, deps.now);

  app.get(
    "/api/children/:childId/placements",
    {
      schema: {
        tags,
        summary: "Removal episodes, placements, team and relations of a child",
        params: ChildIdParams,
        response: { 200: PlacementHistory },
      },
    },
    async (request) => placements.history(requireActor(request), request.params.childId),
  );

  app.post(
    "/api/children/:childId/episodes",
    {
      schema: {
        tags,
        summary: "Record a removal and the first placement",
        params: ChildIdParams,
        body: EpisodeCreate,
        response: { 201: PlacementWritten },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await placements.openEpisode(requireActor(request), request.params.childId, request.body)),
  );

  app.post(
    "/api/children/:childId/placements",
    {
      schema: {
        tags,
        summary: "Move the child: close the open placement and open the new one",
        params: ChildIdParams,
        body: PlacementMove,
        response: { 201: PlacementWritten },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await placements.move(requireActor(request), request.params.childId, request.body)),
  );

  app.post(
    "/api/children/:childId/episodes/:episodeId/exit",
    {
      schema: {
        tags,
        summary: "End a removal episode (exit from care)",
        params: EpisodeParams,
        body: EpisodeExit,
        response: { 200: z.object({ episodeId: z.uuid(), exitDate: z.string(), tasksClosed: z.number().int() }) },
      },
    },
    async (request) =>
      placements.exitEpisode(requireActor(request), request.params.childId, request.params.episodeId, request.body),
  );

  app.post(
    "/api/children/:childId/placements/:placementId/withdraw",
    {
      schema: {
        tags,
        summary: "Withdraw a planned move that has not started (the placement in force runs on)",
        params: PlacementParams,
        body: PlannedMoveCancel,
        response: { 200: z.object({ placementId: z.uuid(), tasksClosed: z.number().int() }) },
      },
    },
    async (request) =>
      placements.withdrawPlannedMove(
        requireActor(request),
        request.params.childId,
        request.params.placementId,
        request.body,
      ),
  );
}
