import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import {
  CaregiverReportAmendment,
  CaregiverReportReceipt,
  CaregiverReportSubmit,
  HearingCreate,
  HearingList,
  HearingParams,
} from "./hearing-schema.js";
import { hearingService } from "./hearing-service.js";
import { PlacementWritten } from "./placement-schema.js";
import { ChildIdParams } from "./schema.js";

/** Court hearings and the caregiver's report to the court. */
export function registerHearingRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const hearings = hearingService(deps.db, deps.now);

  app.get(
    "/api/children/:childId/hearings",
    {
      schema: {
        tags,
        summary: "Court hearings of a child with the caregiver's report",
        params: ChildIdParams,
        response: { 200: HearingList },
      },
    },
    async (request) => hearings.list(requireActor(request), request.params.childId),
  );

  app.post(
    "/api/children/:childId/hearings",
    {
      schema: {
        tags,
        summary: "Record a court hearing (creates the caregiver notice and report tasks)",
        params: ChildIdParams,
        body: HearingCreate,
        response: { 201: z.object({ hearingId: z.uuid(), tasks: PlacementWritten.shape.tasks }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await hearings.create(requireActor(request), request.params.childId, request.body)),
  );

  app.post(
    "/api/hearings/:hearingId/caregiver-report",
    {
      schema: {
        tags,
        summary: "Caregiver submits an information report to the court",
        params: HearingParams,
        body: CaregiverReportSubmit,
        response: { 201: z.object({ reportId: z.uuid(), submittedAt: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await hearings.submitReport(requireActor(request), request.params.hearingId, request.body)),
  );

  app.post(
    "/api/hearings/:hearingId/caregiver-report/amendments",
    {
      schema: {
        tags,
        summary: "Caregiver adds an amendment to their report before the hearing (the original is kept)",
        params: HearingParams,
        body: CaregiverReportAmendment,
        response: { 201: z.object({ amendmentId: z.uuid(), submittedAt: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await hearings.amendReport(requireActor(request), request.params.hearingId, request.body)),
  );

  app.post(
    "/api/hearings/:hearingId/caregiver-report/receipt",
    {
      schema: {
        tags,
        summary: "Caseworker marks the caregiver's report received and forwarded",
        params: HearingParams,
        body: CaregiverReportReceipt,
        response: { 200: z.object({ receivedAt: z.string(), forwardedToCourt: z.boolean() }) },
      },
    },
    async (request) => hearings.receiveReport(requireActor(request), request.params.hearingId, request.body),
  );
}
