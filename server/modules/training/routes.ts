import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import {
  TrainingAttestBody,
  TrainingImportBody,
  TrainingImportPreview,
  TrainingImportResult,
  TrainingItem,
  TrainingItemParams,
  TrainingProgress,
  TrainingRecommendations,
  TrainingSearchQuery,
  TrainingSearchResult,
} from "./schema.js";
import { trainingService } from "./service.js";

export function registerTrainingRoutes(app: App, deps: PlatformDeps) {
  const service = trainingService(deps.db);

  app.get(
    "/api/training/search",
    {
      schema: {
        tags: ["training"],
        summary: "Search the training library in one's own words (English or Spanish)",
        querystring: TrainingSearchQuery,
        response: { 200: TrainingSearchResult },
      },
    },
    async (request) => service.search(requireActor(request), request.query),
  );

  app.get(
    "/api/training/items/:code",
    {
      schema: {
        tags: ["training"],
        summary: "One library item with its tip sheet text",
        params: TrainingItemParams,
        response: { 200: TrainingItem },
      },
    },
    async (request) => service.item(requireActor(request), request.params.code),
  );

  app.post(
    "/api/training/items/:code/attest",
    {
      schema: {
        tags: ["training"],
        summary: "Attest that one read or watched the item; its credit hours count this year",
        params: TrainingItemParams,
        body: TrainingAttestBody,
        response: { 200: TrainingProgress },
      },
    },
    async (request) => service.attest(requireActor(request), request.params.code),
  );

  app.post(
    "/api/training/import/preview",
    {
      schema: {
        tags: ["training"],
        summary: "Check a CSV of items for a site's own library and show what would be imported",
        body: TrainingImportBody,
        response: { 200: TrainingImportPreview },
      },
    },
    async (request) => service.importPreview(requireActor(request), request.body),
  );

  app.post(
    "/api/training/import",
    {
      schema: {
        tags: ["training"],
        summary: "Import a CSV of items into a site's own library: every row or none",
        body: TrainingImportBody,
        response: { 200: TrainingImportResult },
      },
    },
    async (request) => service.importItems(requireActor(request), request.body),
  );

  app.get(
    "/api/training/recommended",
    {
      schema: {
        tags: ["training"],
        summary: "Items recommended to the caregiver for the children placed in the home and the hours still owed",
        response: { 200: TrainingRecommendations },
      },
    },
    async (request) => service.recommended(requireActor(request)),
  );

  app.get(
    "/api/training/progress",
    {
      schema: {
        tags: ["training"],
        summary: "The caller's training hours this year against their state's requirement",
        querystring: z.object({ year: z.coerce.number().int().optional() }),
        response: { 200: TrainingProgress },
      },
    },
    async (request) => service.progress(requireActor(request), request.query.year),
  );
}
