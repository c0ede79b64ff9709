import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerFamilyRoutes } from "./routes.js";

/** The family module: the birth parent's page about their own child (issue 13). */
export const familyModule: ModuleDescriptor = {
  name: "family",
  routes: [registerFamilyRoutes],
  messages: { en, es },
  permissions: ["family:read", "youth:read"],
};
