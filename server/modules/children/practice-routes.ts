import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { translate } from "../../platform/i18n/locale.js";
import { ChildCreate, ChildRecord, ChildUpdate, RelationAdd } from "./child-record-schema.js";
import { childRecordService } from "./child-record-service.js";
import {
  CaregiverReportReceipt,
  CaregiverReportSubmit,
  HearingCreate,
  HearingList,
  HearingParams,
} from "./hearing-schema.js";
import { hearingService } from "./hearing-service.js";
import { EpisodeCreate, EpisodeExit, EpisodeParams, PlacementHistory, PlacementMove } from "./placement-schema.js";
import { placementService } from "./placement-service.js";
import { notificationsOf } from "./reminders.js";
import { RuleCreate, RuleList, RuleListQuery, RuleView } from "./rule-schema.js";
import { ruleService } from "./rule-service.js";
import { ChildIdParams } from "./schema.js";
import {
  TaskComplete,
  TaskList,
  TaskParams,
  TaskProgress,
  TaskView,
  Timeliness,
  TimelinessQuery,
  WorklistQuery,
} from "./task-schema.js";
import { taskService } from "./task-service.js";
import { TeamMemberAdd, TeamMemberEnd, TeamMemberParams, TeamMemberWritten } from "./team-schema.js";
import { teamService } from "./team-service.js";

const PlacementWritten = z.object({
  episodeId: z.uuid(),
  placementId: z.uuid(),
  tasks: z.array(z.object({ id: z.uuid(), practice: z.string(), status: z.string() })),
});
const Notifications = z.object({
  notifications: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      taskId: z.uuid().nullable(),
      message: z.string(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
});

/** Placements, practice tasks, worklists, rule sets, hearings and reminders (issue 4). */
export function registerPracticeRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const placements = placementService(deps.db);
  const tasks = taskService(deps.db);
  const rules = ruleService(deps.db);
  const hearings = hearingService(deps.db);
  const team = teamService(deps.db);
  const records = childRecordService(deps.db);

  app.post(
    "/api/children",
    {
      schema: {
        tags,
        summary: "Intake: record a child new to the agency",
        body: ChildCreate,
        response: { 201: ChildRecord },
      },
    },
    async (request, reply) => reply.code(201).send(await records.create(requireActor(request), request.body)),
  );
  app.put(
    "/api/children/:childId/record",
    {
      schema: {
        tags,
        summary: "Correct the child's record (names, birth date, languages, ICWA, school)",
        params: ChildIdParams,
        body: ChildUpdate,
        response: { 200: ChildRecord },
      },
    },
    async (request) => records.update(requireActor(request), request.params.childId, request.body),
  );
  app.post(
    "/api/children/:childId/relations",
    {
      schema: {
        tags,
        summary: "Link a birth parent, guardian, relative or sibling",
        params: ChildIdParams,
        body: RelationAdd,
        response: { 201: z.object({ personId: z.uuid(), kind: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await records.addRelation(requireActor(request), request.params.childId, request.body)),
  );

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
        response: { 200: z.object({ episodeId: z.uuid(), exitDate: z.string() }) },
      },
    },
    async (request) =>
      placements.exitEpisode(requireActor(request), request.params.childId, request.params.episodeId, request.body),
  );

  app.post(
    "/api/children/:childId/team",
    {
      schema: {
        tags,
        summary: "Add a member to the child's team from a date",
        params: ChildIdParams,
        body: TeamMemberAdd,
        response: { 201: TeamMemberWritten },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await team.add(requireActor(request), request.params.childId, request.body)),
  );
  app.post(
    "/api/children/:childId/team/:memberId/end",
    {
      schema: {
        tags,
        summary: "End a team membership on a date",
        params: TeamMemberParams,
        body: TeamMemberEnd,
        response: { 200: TeamMemberWritten },
      },
    },
    async (request) => team.end(requireActor(request), request.params.childId, request.params.memberId, request.body),
  );

  app.get(
    "/api/children/:childId/tasks",
    { schema: { tags, summary: "Practice tasks of a child", params: ChildIdParams, response: { 200: TaskList } } },
    async (request) => tasks.forChild(requireActor(request), request.params.childId),
  );
  app.post(
    "/api/tasks/:taskId/complete",
    {
      schema: {
        tags,
        summary: "Complete a practice task with its content",
        params: TaskParams,
        body: TaskComplete,
        response: { 200: TaskView },
      },
    },
    async (request) => tasks.complete(requireActor(request), request.params.taskId, request.body),
  );
  app.patch(
    "/api/tasks/:taskId",
    {
      schema: {
        tags,
        summary: "Save progress on an open task",
        params: TaskParams,
        body: TaskProgress,
        response: { 200: TaskView },
      },
    },
    async (request) => tasks.saveProgress(requireActor(request), request.params.taskId, request.body),
  );
  app.get(
    "/api/worklist",
    {
      schema: {
        tags,
        summary: "Open tasks due soon or overdue across the user's children",
        querystring: WorklistQuery,
        response: { 200: TaskList },
      },
    },
    async (request) => tasks.worklist(requireActor(request), request.query.withinDays),
  );
  app.get(
    "/api/practices/timeliness",
    {
      schema: {
        tags,
        summary: "Timeliness per practice per unit",
        querystring: TimelinessQuery,
        response: { 200: Timeliness },
      },
    },
    async (request) => tasks.timeliness(requireActor(request), request.query.days),
  );

  app.get(
    "/api/rules",
    {
      schema: {
        tags,
        summary: "A state's practice rule set, with effective dates and sources",
        querystring: RuleListQuery,
        response: { 200: RuleList },
      },
    },
    async (request) => rules.list(requireActor(request), request.query.state),
  );
  app.post(
    "/api/rules",
    {
      schema: {
        tags,
        summary: "Add a rule version from an effective date",
        body: RuleCreate,
        response: { 201: RuleView },
      },
    },
    async (request, reply) => reply.code(201).send(await rules.add(requireActor(request), request.body)),
  );

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

  app.get(
    "/api/notifications",
    { schema: { tags, summary: "The signed-in user's reminders", response: { 200: Notifications } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await notificationsOf(deps.db, actor.userId);
      return {
        notifications: rows.map((n) => {
          const params = n.params as unknown as Record<string, string>;
          return {
            id: n.id,
            kind: n.kind,
            taskId: n.task_id,
            message: translate(actor.locale, n.subject_key, {
              ...params,
              practice: translate(actor.locale, `practice.name.${params.practice}`),
            }),
            createdAt: new Date(n.created_at).toISOString(),
            readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
          };
        }),
      };
    },
  );
}
