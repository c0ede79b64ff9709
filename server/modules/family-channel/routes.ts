import { sendStoredFile } from "../../platform/files/index.js";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { casePlanService } from "./case-plan-service.js";
import {
  AgreementInput,
  AgreementParams,
  CasePlanTask,
  CasePlanTasks,
  ChildParams,
  MessageInput,
  MessageParams,
  PartyMessage,
  PartyThreads,
  PauseInput,
  ProgressInput,
  StaffChannel,
  TaskInput,
  TaskParams,
  TaskShareInput,
} from "./schema.js";
import { messagesService, type Side } from "./service.js";

/** An attachment travels base64-encoded in the JSON body, capped at 10 MB like every upload (about 7 MB of file). */
const MESSAGE_BODY_LIMIT = 10 * 1024 * 1024;

export function registerFamilyChannelRoutes(app: App, deps: PlatformDeps) {
  const tags = ["family-channel"];
  const messages = messagesService(deps.db, deps.now);
  const casePlan = casePlanService(deps.db, deps.now);

  // The two parties' own routes: the caregiver's under my-children, the birth parent's under family.
  const parties: { side: Side; base: string; who: string }[] = [
    { side: "caregiver", base: "/api/my-children/:childId/messages", who: "the caregiver" },
    { side: "birth_parent", base: "/api/family/children/:childId/messages", who: "the birth parent" },
  ];
  for (const { side, base, who } of parties) {
    app.get(
      base,
      {
        schema: {
          tags,
          summary: `The relayed messages with the other family, for ${who} (404 without an agreement in force)`,
          params: ChildParams,
          response: { 200: PartyThreads },
        },
      },
      async (request) => messages.threads(requireActor(request), request.params.childId, side),
    );
    app.post(
      base,
      {
        bodyLimit: MESSAGE_BODY_LIMIT,
        schema: {
          tags,
          summary: `Send a message (with a photo or PDF, metadata removed) as ${who}; 409 while the channel is paused`,
          params: ChildParams,
          body: MessageInput,
          response: { 201: PartyMessage },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await messages.send(requireActor(request), request.params.childId, side, request.body)),
    );
    app.get(
      `${base}/:messageId/attachment`,
      { schema: { tags, summary: `A message's attachment, for ${who}`, params: MessageParams } },
      async (request, reply) =>
        sendStoredFile(
          reply,
          await messages.partyAttachment(requireActor(request), request.params.childId, request.params.messageId, side),
        ),
    );
  }

  app.get(
    "/api/children/:childId/family-channel",
    {
      schema: {
        tags,
        summary: "The families' agreements and every message between them (the child's staff; audited)",
        params: ChildParams,
        response: { 200: StaffChannel },
      },
    },
    async (request) => messages.staffRead(requireActor(request), request.params.childId),
  );
  app.post(
    "/api/children/:childId/family-channel/agreements",
    {
      schema: {
        tags,
        summary: "Record the families' agreement with the home the child lives in now, which opens the channel",
        params: ChildParams,
        body: AgreementInput,
        response: { 201: StaffChannel },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await messages.recordAgreement(requireActor(request), request.params.childId, request.body)),
  );
  app.post(
    "/api/children/:childId/family-channel/agreements/:agreementId/pause",
    {
      schema: {
        tags,
        summary: "Pause the channel of an agreement, or reopen it",
        params: AgreementParams,
        body: PauseInput,
        response: { 200: StaffChannel },
      },
    },
    async (request) =>
      messages.pause(requireActor(request), request.params.childId, request.params.agreementId, request.body),
  );
  app.get(
    "/api/children/:childId/family-channel/messages/:messageId/attachment",
    { schema: { tags, summary: "A message's attachment (the child's staff)", params: MessageParams } },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await messages.staffAttachment(requireActor(request), request.params.childId, request.params.messageId),
      ),
  );

  app.get(
    "/api/children/:childId/case-plan-tasks",
    {
      schema: {
        tags,
        summary: "The child's case-plan tasks with the birth parent's updates (staff)",
        params: ChildParams,
        response: { 200: CasePlanTasks },
      },
    },
    async (request) => casePlan.staffTasks(requireActor(request), request.params.childId),
  );
  app.post(
    "/api/children/:childId/case-plan-tasks",
    {
      schema: {
        tags,
        summary: "Add a case-plan task (a service, visit or class), shared with the birth parent or not",
        params: ChildParams,
        body: TaskInput,
        response: { 201: CasePlanTask },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await casePlan.createTask(requireActor(request), request.params.childId, request.body)),
  );
  app.post(
    "/api/children/:childId/case-plan-tasks/:taskId/share",
    {
      schema: {
        tags,
        summary: "Share a case-plan task with the birth parent, or stop sharing it",
        params: TaskParams,
        body: TaskShareInput,
        response: { 200: CasePlanTask },
      },
    },
    async (request) =>
      casePlan.shareTask(requireActor(request), request.params.childId, request.params.taskId, request.body),
  );
  app.get(
    "/api/family/children/:childId/case-plan-tasks",
    {
      schema: {
        tags,
        summary: "The case-plan tasks the agency shares with the birth parent",
        params: ChildParams,
        response: { 200: CasePlanTasks },
      },
    },
    async (request) => casePlan.parentTasks(requireActor(request), request.params.childId),
  );
  app.post(
    "/api/family/children/:childId/case-plan-tasks/:taskId/progress",
    {
      schema: {
        tags,
        summary: "Mark progress on a shared case-plan task, with a note (the birth parent)",
        params: TaskParams,
        body: ProgressInput,
        response: { 200: CasePlanTask },
      },
    },
    async (request) =>
      casePlan.progress(requireActor(request), request.params.childId, request.params.taskId, request.body),
  );
}
