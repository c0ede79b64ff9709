import type { RegisterRoutes } from "../platform/http/types.js";
import { registerChildRecordRoutes } from "./children/child-record-routes.js";
import { registerHearingRoutes } from "./children/hearing-routes.js";
import { registerNotificationRoutes } from "./children/notification-routes.js";
import { registerPlacementRoutes } from "./children/placement-routes.js";
import { registerChildrenRoutes } from "./children/routes.js";
import { registerRuleRoutes } from "./children/rule-routes.js";
import { registerTaskRoutes } from "./children/task-routes.js";
import { registerTeamRoutes } from "./children/team-routes.js";
import { registerAuthRoutes } from "./identity/auth-routes.js";
import { registerIdentityRoutes } from "./identity/routes.js";
import { registerNetworkRoutes } from "./network/routes.js";
import { registerOutcomesRoutes } from "./outcomes/routes.js";

/** Every module's routes, in one list: a module is on when it is here. */
export const moduleRoutes: RegisterRoutes[] = [
  registerAuthRoutes,
  registerNetworkRoutes,
  registerChildrenRoutes,
  registerIdentityRoutes,
  registerChildRecordRoutes,
  registerPlacementRoutes,
  registerTeamRoutes,
  registerTaskRoutes,
  registerRuleRoutes,
  registerHearingRoutes,
  registerNotificationRoutes,
  registerOutcomesRoutes,
];
