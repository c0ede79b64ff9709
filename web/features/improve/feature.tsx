import type { Feature } from "../../app/navigation";
import { MyConcernsPage } from "./ConcernsSection";
import { SiteConcernsPage } from "./SiteConcernsPage";

// A youth raises concerns from their own page (/me); caregivers and birth parents from "My concerns".
const raisesOwn = (s: { abilities: string[] }) =>
  s.abilities.includes("concern:raise") && !s.abilities.includes("youth:read");

export const feature: Feature = {
  nav: [
    { path: "/my-concerns", labelKey: "nav.myConcerns", order: 60, visible: raisesOwn },
    {
      path: "/improve/concerns",
      labelKey: "nav.siteConcerns",
      order: 60,
      visible: (s) => s.abilities.includes("concern:manage"),
    },
  ],
  routes: [
    { path: "/my-concerns", element: <MyConcernsPage /> },
    { path: "/improve/concerns", element: <SiteConcernsPage /> },
  ],
};
