import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { CorrectionCreate, CorrectionWritten } from "./correction-schema.js";
import { correctionService } from "./correction-service.js";
import {
  IntakeDraft,
  IntakeDraftCreate,
  IntakeDraftHandedOver,
  IntakeDraftHandover,
  IntakeDraftList,
  IntakeDraftParams,
  IntakeDraftSave,
  IntakeDraftView,
  IntakeFinished,
} from "./intake-schema.js";
import { intakeService } from "./intake-service.js";
import { ChildIdParams } from "./schema.js";

/** The life of a case: intake drafts saved step by step, their finish, and corrections of dates and settings. */
export function registerIntakeRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const intake = intakeService(deps.db, deps.now);
  const corrections = correctionService(deps.db, deps.now);

  app.post(
    "/api/intake/drafts",
    {
      schema: {
        tags,
        summary: "Start an intake (a draft only its author sees)",
        body: IntakeDraftCreate,
        response: { 201: IntakeDraft },
      },
    },
    async (request, reply) => reply.code(201).send(await intake.start(requireActor(request), request.body.siteId)),
  );

  app.get(
    "/api/intake/drafts",
    { schema: { tags, summary: "The signed-in worker's unfinished intakes", response: { 200: IntakeDraftList } } },
    async (request) => intake.mine(requireActor(request)),
  );

  app.get(
    "/api/intake/drafts/:draftId",
    {
      schema: {
        tags,
        summary: "One unfinished intake with the homes of its site",
        params: IntakeDraftParams,
        response: { 200: IntakeDraftView },
      },
    },
    async (request) => intake.read(requireActor(request), request.params.draftId),
  );

  app.put(
    "/api/intake/drafts/:draftId",
    {
      schema: {
        tags,
        summary: "Save an intake step",
        params: IntakeDraftParams,
        body: IntakeDraftSave,
        response: { 200: IntakeDraft },
      },
    },
    async (request) => intake.save(requireActor(request), request.params.draftId, request.body),
  );

  app.post(
    "/api/intake/drafts/:draftId/finish",
    {
      schema: {
        tags,
        summary: "Finish an intake: create the child, the removal and first placement (and its tasks), and the team",
        params: IntakeDraftParams,
        response: { 201: IntakeFinished },
      },
    },
    async (request, reply) => reply.code(201).send(await intake.finish(requireActor(request), request.params.draftId)),
  );

  app.post(
    "/api/intake/drafts/:draftId/handover",
    {
      schema: {
        tags,
        summary: "Hand an unfinished intake to another worker of its site, who carries on from where it is",
        params: IntakeDraftParams,
        body: IntakeDraftHandover,
        response: { 200: IntakeDraftHandedOver },
      },
    },
    async (request) => intake.handOver(requireActor(request), request.params.draftId, request.body),
  );

  app.post(
    "/api/children/:childId/corrections",
    {
      schema: {
        tags,
        summary: "Correct a placement's or a removal episode's date or setting, with a reason kept in the history",
        params: ChildIdParams,
        body: CorrectionCreate,
        response: { 201: CorrectionWritten },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await corrections.correct(requireActor(request), request.params.childId, request.body)),
  );
}
