import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { SiteDetail, SiteIdParams, SiteList } from "./schema.js";
import { networkService } from "./service.js";

export function registerNetworkRoutes(app: App, deps: PlatformDeps) {
  const service = networkService(deps.db);

  app.get(
    "/api/network/sites",
    {
      schema: {
        tags: ["network"],
        summary: "Sites the signed-in user works in",
        response: { 200: SiteList },
      },
    },
    async (request) => ({ sites: await service.listSites(requireActor(request)) }),
  );

  app.get(
    "/api/network/sites/:siteId",
    {
      schema: {
        tags: ["network"],
        summary: "One site with its units and staff counts",
        params: SiteIdParams,
        response: { 200: SiteDetail },
      },
    },
    async (request) => service.getSite(requireActor(request), request.params.siteId),
  );
}
