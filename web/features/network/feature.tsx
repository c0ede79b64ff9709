import type { Feature } from "../../app/navigation";
import { NetworkPage } from "./NetworkPage";
import { SitePage } from "./SitePage";

export const feature: Feature = {
  nav: [{ path: "/network", labelKey: "nav.network", order: 80, visible: (s) => s.abilities.includes("network:read") }],
  routes: [
    { path: "/network", element: <NetworkPage /> },
    { path: "/network/sites/:siteId", element: <SitePage /> },
  ],
};
