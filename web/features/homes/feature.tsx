import { useParams } from "react-router";
import type { Feature } from "../../app/navigation";
import { DeadlinesCard } from "./DeadlinesCard";
import { HouseholdPage } from "./HouseholdPage";
import { HouseholdsPage } from "./HouseholdsPage";
import { MatchPage } from "./MatchPage";
import { MyHomePage } from "./MyHomePage";
import { PublicInquiryPage } from "./PublicInquiryPage";

function JoinRoute() {
  const { siteCode } = useParams();
  return <PublicInquiryPage siteCode={siteCode ?? ""} />;
}

export const feature: Feature = {
  nav: [
    {
      path: "/households",
      labelKey: "nav.households",
      order: 25,
      visible: (s) => s.abilities.includes("household:read"),
    },
    { path: "/my-home", labelKey: "nav.myHome", order: 26, visible: (s) => s.abilities.includes("household:own") },
  ],
  homeCards: [
    {
      id: "household-deadlines",
      order: 12,
      visible: (s) => s.abilities.includes("household:write"),
      Card: DeadlinesCard,
    },
  ],
  routes: [
    { path: "/households", element: <HouseholdsPage /> },
    { path: "/households/:householdId", element: <HouseholdPage /> },
    { path: "/my-home", element: <MyHomePage /> },
    { path: "/children/:childId/homes", element: <MatchPage /> },
    { path: "/join/:siteCode", element: <JoinRoute /> },
  ],
};
