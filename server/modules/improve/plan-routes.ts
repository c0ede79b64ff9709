import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { SiteParams } from "./concern-schema.js";
import {
  ActionItemCreate,
  ActionItemParams,
  ActionStatusChange,
  BarrierCreate,
  BarrierParams,
  BarrierStatusChange,
  ImproveDashboard,
  WorkGroupCreate,
} from "./plan-schema.js";
import { planService } from "./plan-service.js";

const Created = z.object({ id: z.uuid() });
const Changed = z.object({ id: z.uuid(), version: z.number().int() });

/** Barriers, work groups, action items and the site's implementation dashboard. */
export function registerPlanRoutes(app: App, deps: PlatformDeps) {
  const tags = ["improve"];
  const plans = planService(deps.db);

  app.get(
    "/api/improve/sites/:siteId/dashboard",
    {
      schema: {
        tags,
        summary: "The site's implementation dashboard: barriers, action items (overdue ones flagged), their measures",
        params: SiteParams,
        response: { 200: ImproveDashboard },
      },
    },
    async (request) => plans.dashboard(requireActor(request), request.params.siteId),
  );

  app.post(
    "/api/improve/sites/:siteId/work-groups",
    {
      schema: {
        tags,
        summary: "Add the steering committee or a work group",
        params: SiteParams,
        body: WorkGroupCreate,
        response: { 201: Created },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await plans.addWorkGroup(requireActor(request), request.params.siteId, request.body)),
  );

  app.post(
    "/api/improve/sites/:siteId/barriers",
    {
      schema: {
        tags,
        summary: "Record a barrier, where it came from and the measures it should move",
        params: SiteParams,
        body: BarrierCreate,
        response: { 201: Created },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await plans.addBarrier(requireActor(request), request.params.siteId, request.body)),
  );

  app.post(
    "/api/improve/barriers/:barrierId/status",
    {
      schema: {
        tags,
        summary: "Resolve or reopen a barrier",
        params: BarrierParams,
        body: BarrierStatusChange,
        response: { 200: Changed },
      },
    },
    async (request) => plans.setBarrierStatus(requireActor(request), request.params.barrierId, request.body),
  );

  app.post(
    "/api/improve/barriers/:barrierId/action-items",
    {
      schema: {
        tags,
        summary: "Add an action item to a barrier: owner, due date, work group",
        params: BarrierParams,
        body: ActionItemCreate,
        response: { 201: Created },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await plans.addActionItem(requireActor(request), request.params.barrierId, request.body)),
  );

  app.post(
    "/api/improve/action-items/:actionItemId/status",
    {
      schema: {
        tags,
        summary: "Move an action item on (not started, in progress, done)",
        params: ActionItemParams,
        body: ActionStatusChange,
        response: { 200: Changed },
      },
    },
    async (request) => plans.setActionStatus(requireActor(request), request.params.actionItemId, request.body),
  );
}
