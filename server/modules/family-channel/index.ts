import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerFamilyChannelRoutes } from "./routes.js";

/**
 * Between the agency and the families (issue 13): safe messages relayed between a child's caregiver and birth parent
 * once their agreement is recorded, and the case-plan tasks staff share with the birth parent.
 */
export const familyChannelModule: ModuleDescriptor = {
  name: "family-channel",
  routes: [registerFamilyChannelRoutes],
  messages: { en, es },
  permissions: ["family_message:send", "family_message:manage", "case_plan:manage", "case_plan:progress"],
};
