import type { Feature } from "../../app/navigation";
import { siteRoute } from "./PublicSitePage";

export const feature: Feature = {
  routes: [{ path: "/sites/:siteCode", element: siteRoute }],
};
