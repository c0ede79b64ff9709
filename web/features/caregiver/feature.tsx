import type { Feature } from "../../app/navigation";
import { HealthSummaryPage } from "./HealthSummaryPage";
import { MyChildPage } from "./MyChildPage";
import { MyChildrenPage } from "./MyChildrenPage";

export const feature: Feature = {
  nav: [
    {
      path: "/my-children",
      labelKey: "nav.myChildren",
      order: 12,
      visible: (s) => s.abilities.includes("caregiver_home:read"),
    },
  ],
  routes: [
    { path: "/my-children", element: <MyChildrenPage /> },
    { path: "/my-children/:childId", element: <MyChildPage /> },
    { path: "/children/:childId/health-summary", element: <HealthSummaryPage /> },
  ],
};
