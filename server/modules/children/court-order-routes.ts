import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import {
  CourtOrderCreate,
  CourtOrderEnd,
  CourtOrderList,
  CourtOrderParams,
  CourtOrderView,
} from "./court-order-schema.js";
import { courtOrderService } from "./court-order-service.js";
import { ChildIdParams } from "./schema.js";

/** Court orders of a child: what holds, recording one, ending one. */
export function registerCourtOrderRoutes(app: App, deps: PlatformDeps) {
  const tags = ["children"];
  const orders = courtOrderService(deps.db, deps.now);

  app.get(
    "/api/children/:childId/court-orders",
    {
      schema: {
        tags,
        summary: "The child's court orders and their effect on what the record discloses",
        params: ChildIdParams,
        response: { 200: CourtOrderList },
      },
    },
    async (request) => orders.list(requireActor(request), request.params.childId),
  );

  app.post(
    "/api/children/:childId/court-orders",
    {
      schema: {
        tags,
        summary: "Record a court order (no contact, no disclosure of the caregiver's address and phone)",
        params: ChildIdParams,
        body: CourtOrderCreate,
        response: { 201: CourtOrderView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await orders.record(requireActor(request), request.params.childId, request.body)),
  );

  app.post(
    "/api/children/:childId/court-orders/:orderId/end",
    {
      schema: {
        tags,
        summary: "End a court order on a day (its last day)",
        params: CourtOrderParams,
        body: CourtOrderEnd,
        response: { 200: CourtOrderView },
      },
    },
    async (request) => orders.end(requireActor(request), request.params.childId, request.params.orderId, request.body),
  );
}
