import type { Feature } from "../../app/navigation";
import { ChildPage } from "./ChildPage";
import { ChildrenPage } from "./ChildrenPage";
import { CoveragePage } from "./CoveragePage";
import { TimelinessCard, WorklistCard } from "./HomeCards";
import { IntakePage } from "./IntakePage";
import { RulesPage } from "./RulesPage";
import { TimelinessPage } from "./TimelinessPage";
import { WorklistPage } from "./WorklistPage";

export const feature: Feature = {
  nav: [
    {
      path: "/children",
      labelKey: "nav.children",
      order: 20,
      // A birth parent and a youth reach their own pages (the family feature), not the staff list.
      visible: (s) =>
        s.abilities.includes("child:list") &&
        !s.abilities.includes("family:read") &&
        !s.abilities.includes("youth:read"),
    },
    {
      path: "/worklist",
      labelKey: "nav.worklist",
      order: 15,
      visible: (s) => s.abilities.includes("practice:complete"),
    },
    {
      path: "/practices/timeliness",
      labelKey: "nav.timeliness",
      order: 40,
      visible: (s) => s.abilities.includes("practice:report"),
    },
    { path: "/rules", labelKey: "nav.rules", order: 45, visible: (s) => s.abilities.includes("rules:manage") },
    {
      path: "/rules/coverage",
      labelKey: "nav.coverage",
      order: 46,
      visible: (s) => s.abilities.includes("rules:coverage"),
    },
  ],
  homeCards: [
    { id: "worklist", order: 10, visible: (s) => s.abilities.includes("practice:complete"), Card: WorklistCard },
    { id: "timeliness", order: 20, visible: (s) => s.abilities.includes("practice:report"), Card: TimelinessCard },
  ],
  routes: [
    { path: "/children", element: <ChildrenPage /> },
    { path: "/children/:childId", element: <ChildPage /> },
    { path: "/intake/:draftId", element: <IntakePage /> },
    { path: "/worklist", element: <WorklistPage /> },
    { path: "/practices/timeliness", element: <TimelinessPage /> },
    { path: "/rules", element: <RulesPage /> },
    { path: "/rules/coverage", element: <CoveragePage /> },
  ],
};
