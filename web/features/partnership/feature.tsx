import type { Feature } from "../../app/navigation";
import { PartnershipPlanPage } from "./PartnershipPlanPage";

export const feature: Feature = {
  routes: [{ path: "/children/:childId/partnership-plan", element: <PartnershipPlanPage /> }],
};
