import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerPartnershipRoutes } from "./routes.js";

/** The partnership module's public surface: the plan signed at a placement (QPI's "define" step). */
export const partnershipModule: ModuleDescriptor = {
  name: "partnership",
  routes: [registerPartnershipRoutes],
  messages: { en, es },
  permissions: ["partnership:read", "partnership:sign"],
};

export type { CommitmentText } from "./tables.js";
