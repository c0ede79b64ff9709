import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { SiteParams } from "./concern-schema.js";
import {
  MySurvey,
  MySurveys,
  SiteSurveys,
  SurveyAnswer,
  SurveyCreate,
  SurveyParams,
  SurveyResults,
} from "./survey-schema.js";
import { surveyService } from "./survey-service.js";

/** Surveys: the coordinator's (publish, list, results) and the respondent's (open surveys, answer one). */
export function registerSurveyRoutes(app: App, deps: PlatformDeps) {
  const tags = ["improve"];
  const surveys = surveyService(deps.db);

  app.get(
    "/api/improve/sites/:siteId/surveys",
    {
      schema: {
        tags,
        summary: "The site's surveys with response counts, and the instruments to build one from",
        params: SiteParams,
        response: { 200: SiteSurveys },
      },
    },
    async (request) => surveys.ofSite(requireActor(request), request.params.siteId),
  );

  app.post(
    "/api/improve/sites/:siteId/surveys",
    {
      schema: {
        tags,
        summary: "Publish a survey built from an instrument to the site's caregivers, birth parents or youth",
        params: SiteParams,
        body: SurveyCreate,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await surveys.create(requireActor(request), request.params.siteId, request.body)),
  );

  app.get(
    "/api/improve/surveys/:surveyId/results",
    {
      schema: {
        tags,
        summary: "A survey's results per question, small counts hidden",
        params: SurveyParams,
        response: { 200: SurveyResults },
      },
    },
    async (request) => surveys.results(requireActor(request), request.params.surveyId),
  );

  app.get(
    "/api/improve/my-surveys",
    { schema: { tags, summary: "The surveys open to the caller now", response: { 200: MySurveys } } },
    async (request) => surveys.mine(requireActor(request)),
  );

  app.get(
    "/api/improve/my-surveys/:surveyId",
    {
      schema: {
        tags,
        summary: "One survey open to the caller, its questions",
        params: SurveyParams,
        response: { 200: MySurvey },
      },
    },
    async (request) => surveys.one(requireActor(request), request.params.surveyId),
  );

  app.post(
    "/api/improve/my-surveys/:surveyId/responses",
    {
      schema: {
        tags,
        summary: "Answer a survey (once; the response is stored without the caller's account)",
        params: SurveyParams,
        body: SurveyAnswer,
        response: { 201: z.object({ surveyId: z.uuid(), answered: z.boolean() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await surveys.respond(requireActor(request), request.params.surveyId, request.body)),
  );
}
