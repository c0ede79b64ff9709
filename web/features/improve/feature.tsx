import type { Feature } from "../../app/navigation";
import { MyConcernsPage } from "./ConcernsSection";
import { ImproveDashboardPage } from "./DashboardPage";
import { AnswerSurveyPage } from "./MySurveysSection";
import { SiteConcernsPage } from "./SiteConcernsPage";
import { SiteSurveysPage, SurveyResultsPage } from "./SiteSurveysPage";

// A youth raises concerns from their own page (/me); caregivers and birth parents from "My concerns".
const raisesOwn = (s: { abilities: string[] }) =>
  s.abilities.includes("concern:raise") && !s.abilities.includes("youth:read");

export const feature: Feature = {
  nav: [
    { path: "/my-concerns", labelKey: "nav.myConcerns", order: 60, visible: raisesOwn },
    { path: "/improve", labelKey: "nav.improve", order: 58, visible: (s) => s.abilities.includes("improve:read") },
    {
      path: "/improve/concerns",
      labelKey: "nav.siteConcerns",
      order: 59,
      visible: (s) => s.abilities.includes("concern:manage"),
    },
    {
      path: "/improve/surveys",
      labelKey: "nav.surveys",
      order: 60,
      visible: (s) => s.abilities.includes("survey:manage"),
    },
  ],
  routes: [
    { path: "/my-concerns", element: <MyConcernsPage /> },
    { path: "/surveys/:surveyId", element: <AnswerSurveyPage /> },
    { path: "/improve", element: <ImproveDashboardPage /> },
    { path: "/improve/concerns", element: <SiteConcernsPage /> },
    { path: "/improve/surveys", element: <SiteSurveysPage /> },
    { path: "/improve/surveys/:surveyId", element: <SurveyResultsPage /> },
  ],
};
