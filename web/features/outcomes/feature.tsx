import type { Feature } from "../../app/navigation";
import { ComparePage } from "./ComparePage";
import { DashboardPage } from "./DashboardPage";
import { MeasurePage } from "./MeasurePage";
import { OutcomesCard } from "./OutcomesCard";
import { PrintReportPage } from "./PrintReportPage";

export const feature: Feature = {
  nav: [
    { path: "/outcomes", labelKey: "nav.outcomes", order: 50, visible: (s) => s.abilities.includes("outcomes:read") },
  ],
  homeCards: [{ id: "outcomes", order: 30, visible: (s) => s.abilities.includes("outcomes:read"), Card: OutcomesCard }],
  routes: [
    { path: "/outcomes", element: <DashboardPage /> },
    { path: "/outcomes/measures/:measureId", element: <MeasurePage /> },
    { path: "/outcomes/compare", element: <ComparePage /> },
    { path: "/outcomes/print", element: <PrintReportPage /> },
  ],
};
