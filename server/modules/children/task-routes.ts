import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { ChildIdParams } from "./schema.js";
import {
  TaskComplete,
  TaskList,
  TaskParams,
  TaskProgress,
  TaskView,
  Timeliness,
  TimelinessQuery,
  Worklist,
  WorklistCounts,
  WorklistCountsQuery,
  WorklistQuery,
} from "./task-schema.js";
import { taskService } from "./task-service.js";

/** Practice tasks: a child's, completing them, the worklist and timeliness. */
export function registerTaskRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const tasks = taskService(deps.db, deps.now);

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
        summary: "The user's tasks by due window, practice, child and caseworker; open first, by due time",
        querystring: WorklistQuery,
        response: { 200: Worklist },
      },
    },
    async (request) => tasks.worklist(requireActor(request), request.query),
  );

  app.get(
    "/api/worklist/counts",
    {
      schema: {
        tags,
        summary: "How many worklist tasks a window holds, per current caseworker and per practice",
        querystring: WorklistCountsQuery,
        response: { 200: WorklistCounts },
      },
    },
    async (request) => tasks.worklistCounts(requireActor(request), request.query.window),
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
}
