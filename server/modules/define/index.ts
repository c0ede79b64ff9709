import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerDefineRoutes } from "./routes.js";

/** The define module's public surface: a site's brand statement and promises, and its public page. */
export const defineModule: ModuleDescriptor = {
  name: "define",
  routes: [registerDefineRoutes],
  messages: { en, es },
  permissions: [],
};

export type { StatementKind } from "./tables.js";
