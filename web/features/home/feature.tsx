import type { Feature } from "../../app/navigation";
import { HomeRoute } from "./HomePage";

export const feature: Feature = {
  nav: [{ path: "/", labelKey: "nav.home", order: 0, visible: () => true }],
  routes: [{ path: "/", element: <HomeRoute /> }],
};
