import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import { registerChildRecordRoutes } from "./child-record-routes.js";
import { registerCourtOrderRoutes } from "./court-order-routes.js";
import { registerHearingRoutes } from "./hearing-routes.js";
import { registerIntakeRoutes } from "./intake-routes.js";
import { registerChildInvitationRoutes } from "./invitation-routes.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerNotificationRoutes } from "./notification-routes.js";
import { registerPlacementRoutes } from "./placement-routes.js";
import { practiceJobs } from "./reminders.js";
import { registerChildrenRoutes } from "./routes.js";
import { registerRuleRoutes } from "./rule-routes.js";
import { registerTaskRoutes } from "./task-routes.js";
import { registerTeamRoutes } from "./team-routes.js";

/** The children module's public surface: the child's record, placements, teams, shares and practices. */
export const childrenModule: ModuleDescriptor = {
  name: "children",
  routes: [
    registerChildrenRoutes,
    registerChildRecordRoutes,
    registerPlacementRoutes,
    registerTeamRoutes,
    registerTaskRoutes,
    registerRuleRoutes,
    registerHearingRoutes,
    registerNotificationRoutes,
    registerIntakeRoutes,
    registerCourtOrderRoutes,
    registerChildInvitationRoutes,
  ],
  jobs: (deps) => practiceJobs(deps.publicUrl),
  messages: { en, es },
  permissions: [
    "child:read",
    "child:list",
    "child:write",
    "child:share",
    "rules:manage",
    "rules:coverage",
    "audit:read",
    "practice:read",
    "practice:complete",
    "practice:report",
    "caregiver_report:submit",
  ],
};

/** The one way into a child's records, for modules with records about a child (partnership plan, family pages). */
export { type ChildContext, childGate } from "./child-access.js";
/** What of a child's record the actor may read (the family module's pages). */
export { type ChildDisclosure, childDisclosure } from "./disclosure.js";
/** Whether a court order keeps the caregiver from the birth parents on a day (the caregiver module's life book). */
export { contactOrderInForce } from "./family-facts.js";
export { childMatchingFacts, type MatchingChild } from "./matching-facts.js";
/** The child histories the outcomes module projects (its platform refresh). */
export { historiesForOutcomes, type OutcomeHistories } from "./outcome-export.js";
/** The tasks a placement change or a hearing starts (the demo seed replays them). */
/** The partnership plan's signatures complete its practice task (the partnership module's signing). */
export { completeSignedPractice, createHearingTasks, createPlacementTasks } from "./practice-tasks.js";
/** Children in the actor's reach (outcomes' drill-down hands its ids here). */
export { childrenService } from "./service.js";
/** The maltreatment-report rows the demo seed writes. */
export type { Allegation, MaltreatmentReportTable, ReporterRole } from "./tables.js";
/** Practice timeliness per unit (the outcomes dashboard shows it beside the measures). */
export { taskService } from "./task-service.js";
