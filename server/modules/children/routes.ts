import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { registerRecordAccessRoutes } from "./access-routes.js";
import { ChildIdParams, ChildList, ChildListQuery, ChildView } from "./schema.js";
import { childrenService } from "./service.js";

export function registerChildrenRoutes(app: App, deps: PlatformDeps) {
  const service = childrenService(deps.db, deps.now);

  app.get(
    "/api/children",
    {
      schema: {
        tags: ["children"],
        summary: "Children the signed-in user may see, searchable",
        querystring: ChildListQuery,
        response: { 200: ChildList },
      },
    },
    async (request) => service.list(requireActor(request), request.query),
  );

  app.get(
    "/api/children/:childId",
    { schema: { tags: ["children"], summary: "One child", params: ChildIdParams, response: { 200: ChildView } } },
    async (request) => service.get(requireActor(request), request.params.childId),
  );

  registerRecordAccessRoutes(app, deps);
}
