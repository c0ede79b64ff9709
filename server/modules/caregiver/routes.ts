import { sendStoredFile } from "../../platform/files/index.js";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import {
  ChildParams,
  HealthSummarySave,
  LifeBookItemInput,
  LifeBookItemParams,
  LifeBookItemView,
  LifeBookList,
  LifeBookShareInput,
  MyChildList,
  MyChildView,
  RevealInput,
  RevealView,
  RppDecisionInput,
  RppDecisionList,
  RppDecisionView,
  StaffHealthSummary,
} from "./schema.js";
import { caregiverService } from "./service.js";

/**
 * The photo travels base64-encoded in the JSON body, which is capped at 10 MB like every upload (a larger body answers
 * 413 before it is read), so a life-book photo can be up to about 7 MB; the file store itself takes up to 10 MB.
 */
const LIFE_BOOK_BODY_LIMIT = 10 * 1024 * 1024;

export function registerCaregiverRoutes(app: App, deps: PlatformDeps) {
  const tags = ["caregiver"];
  const service = caregiverService(deps.db, deps.now);

  app.get(
    "/api/my-children",
    { schema: { tags, summary: "The children placed in my home now", response: { 200: MyChildList } } },
    async (request) => service.myChildren(requireActor(request)),
  );

  app.get(
    "/api/my-children/:childId",
    {
      schema: {
        tags,
        summary: "A child placed in my home: the health and education summary (identifiers masked)",
        params: ChildParams,
        response: { 200: MyChildView },
      },
    },
    async (request) => service.myChild(requireActor(request), request.params.childId),
  );

  app.post(
    "/api/my-children/:childId/reveal",
    {
      schema: {
        tags,
        summary: "Show a masked identifier (the Medi-Cal number) in full; audited",
        params: ChildParams,
        body: RevealInput,
        response: { 200: RevealView },
      },
    },
    async (request) => service.reveal(requireActor(request), request.params.childId, request.body),
  );

  app.get(
    "/api/my-children/:childId/decisions",
    {
      schema: {
        tags,
        summary: "My everyday decisions for the child",
        params: ChildParams,
        response: { 200: RppDecisionList },
      },
    },
    async (request) => service.decisions(requireActor(request), request.params.childId, "caregiver"),
  );

  app.post(
    "/api/my-children/:childId/decisions",
    {
      schema: {
        tags,
        summary: "Record an everyday (reasonable and prudent parent) decision",
        params: ChildParams,
        body: RppDecisionInput,
        response: { 201: RppDecisionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.recordDecision(requireActor(request), request.params.childId, request.body)),
  );

  app.get(
    "/api/my-children/:childId/life-book",
    { schema: { tags, summary: "The child's life book", params: ChildParams, response: { 200: LifeBookList } } },
    async (request) => service.lifeBook(requireActor(request), request.params.childId),
  );

  app.post(
    "/api/my-children/:childId/life-book",
    {
      bodyLimit: LIFE_BOOK_BODY_LIMIT,
      schema: {
        tags,
        summary: "Add a photo (JPEG or PNG, up to about 7 MB, metadata removed) or a milestone to the life book",
        params: ChildParams,
        body: LifeBookItemInput,
        response: { 201: LifeBookItemView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addLifeBookItem(requireActor(request), request.params.childId, request.body)),
  );

  app.post(
    "/api/my-children/:childId/life-book/:itemId/share",
    {
      schema: {
        tags,
        summary: "Share a life-book item with the birth parents, or stop sharing it",
        params: LifeBookItemParams,
        body: LifeBookShareInput,
        response: { 200: LifeBookItemView },
      },
    },
    async (request) =>
      service.shareLifeBookItem(requireActor(request), request.params.childId, request.params.itemId, request.body),
  );

  app.get(
    "/api/my-children/:childId/life-book/:itemId/photo",
    { schema: { tags, summary: "A life-book photo", params: LifeBookItemParams } },
    async (request, reply) => {
      const file = await service.lifeBookPhoto(requireActor(request), request.params.childId, request.params.itemId);
      return sendStoredFile(reply, file);
    },
  );

  app.get(
    "/api/children/:childId/health-summary",
    {
      schema: {
        tags,
        summary: "The health and education summary the caregiver receives, with its versions (staff)",
        params: ChildParams,
        response: { 200: StaffHealthSummary },
      },
    },
    async (request) => service.staffSummary(requireActor(request), request.params.childId),
  );

  app.put(
    "/api/children/:childId/health-summary",
    {
      schema: {
        tags,
        summary: "Save a new version of the summary (409 when it changed since the version given)",
        params: ChildParams,
        body: HealthSummarySave,
        response: { 200: StaffHealthSummary },
      },
    },
    async (request) => service.saveSummary(requireActor(request), request.params.childId, request.body),
  );

  app.get(
    "/api/children/:childId/rpp-decisions",
    {
      schema: {
        tags,
        summary: "The caregiver's everyday decisions for the child (staff)",
        params: ChildParams,
        response: { 200: RppDecisionList },
      },
    },
    async (request) => service.decisions(requireActor(request), request.params.childId, "staff"),
  );
}
