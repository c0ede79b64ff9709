import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { ChildCreate, ChildRecord, ChildUpdate, RelationAdd } from "./child-record-schema.js";
import { childRecordService } from "./child-record-service.js";
import { ChildIdParams } from "./schema.js";

/** The child's own record: intake, corrections, and the people linked to the child. */
export function registerChildRecordRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const records = childRecordService(deps.db, deps.now);

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
}
