import type { RegisterRoutes } from "../platform/http/types.js";
import { registerPracticeRoutes } from "./children/practice-routes.js";
import { registerChildrenRoutes } from "./children/routes.js";
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
  registerPracticeRoutes,
  registerOutcomesRoutes,
];
