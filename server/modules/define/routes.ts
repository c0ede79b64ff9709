import type { App, PlatformDeps } from "../../platform/http/types.js";
import { PublicSitePage, PublicSiteParams } from "./schema.js";
import { publicSiteService } from "./service.js";

/** A site's public page: no sign-in, adopted statements only. */
export function registerDefineRoutes(app: App, deps: PlatformDeps) {
  const tags = ["define"];
  const sites = publicSiteService(deps.db, deps.now);
  app.get(
    "/api/public/sites/:siteCode/page",
    {
      schema: {
        tags,
        summary:
          "A site's public page (no sign-in): its adopted brand statement, its promises to caregivers, how to start",
        params: PublicSiteParams,
        response: { 200: PublicSitePage },
      },
    },
    async (request, reply) => {
      // Public and the same for everyone: a short shared cache keeps it fast.
      reply.header("cache-control", "public, max-age=300");
      return sites.page(request.params.siteCode);
    },
  );
}
