import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerImproveRoutes } from "./routes.js";

/** The improve module (QPI's improvement cycle): concerns, surveys, barriers, work groups and action items. */
export const improveModule: ModuleDescriptor = {
  name: "improve",
  routes: [registerImproveRoutes],
  messages: { en, es },
  permissions: ["concern:raise", "concern:manage", "survey:manage", "survey:respond", "improve:read", "improve:manage"],
};
