import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerTrainingRoutes } from "./routes.js";

/** The training module: the Just-in-Time library, its search, and the hours a family earns. */
export const trainingModule: ModuleDescriptor = {
  name: "training",
  routes: [registerTrainingRoutes],
  messages: { en, es },
  permissions: ["training:read", "training:complete", "training:coordinate", "training:import"],
};

export { trainingService } from "./service.js";
