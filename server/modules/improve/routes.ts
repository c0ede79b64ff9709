import type { App, PlatformDeps } from "../../platform/http/types.js";
import { registerConcernRoutes } from "./concern-routes.js";
import { registerPlanRoutes } from "./plan-routes.js";
import { registerSurveyRoutes } from "./survey-routes.js";

/** The improve module's routes: concerns, surveys, barriers and action plans. */
export function registerImproveRoutes(app: App, deps: PlatformDeps) {
  registerConcernRoutes(app, deps);
  registerSurveyRoutes(app, deps);
  registerPlanRoutes(app, deps);
}
