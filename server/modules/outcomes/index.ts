import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import { outcomeJobs, refreshPlatformOutcomes } from "./data/platform-refresh.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerOutcomesRoutes } from "./routes.js";

/** The outcomes module's public surface: the measures dashboards, imports and the platform refresh. */
export const outcomesModule: ModuleDescriptor = {
  name: "outcomes",
  routes: [registerOutcomesRoutes],
  jobs: () => outcomeJobs(),
  messages: { en, es },
  permissions: ["outcomes:read"],
};

/** The scheduled refresh, and the projection of the platform's own child records the demo seed runs once. */
export { outcomeJobs, refreshPlatformOutcomes };
