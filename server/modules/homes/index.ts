import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import { homesJobs } from "./availability-check.js";
import { registerApplicantInvitationRoute, registerHouseholdDocumentRoutes } from "./documents-routes.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerHomesRoutes } from "./routes.js";

/** Resource families: households, consent to share contact, the approval pipeline, closures, the inquiry form. */
export const homesModule: ModuleDescriptor = {
  name: "homes",
  routes: [registerHomesRoutes, registerHouseholdDocumentRoutes, registerApplicantInvitationRoute],
  jobs: (deps) => homesJobs(deps.publicUrl),
  messages: { en, es },
  permissions: ["household:read", "household:write", "household:own", "household:match"],
};

export { homesService, inquiryToken, publicInquiryService } from "./service.js";
