import type { z } from "zod";
import type { ConcernRaise, MyConcerns, SiteConcerns } from "../../../server/modules/improve/concern-schema";

// The API's own zod schemas, as types only (erased at build).
export type MyConcernsView = z.infer<typeof MyConcerns>;
export type MyConcernView = MyConcernsView["concerns"][number];
export type SiteConcernsView = z.infer<typeof SiteConcerns>;
export type SiteConcernView = SiteConcernsView["concerns"][number];
export type ConcernRaiseInput = z.infer<typeof ConcernRaise>;

import type { ImproveDashboard } from "../../../server/modules/improve/plan-schema";
import type { MySurvey, MySurveys, SiteSurveys, SurveyResults } from "../../../server/modules/improve/survey-schema";

export type MySurveysView = z.infer<typeof MySurveys>;
export type MySurveyView = z.infer<typeof MySurvey>;
export type SiteSurveysView = z.infer<typeof SiteSurveys>;
export type SurveyResultsView = z.infer<typeof SurveyResults>;
export type ImproveDashboardView = z.infer<typeof ImproveDashboard>;
