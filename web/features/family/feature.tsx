import type { Feature } from "../../app/navigation";
import { MyChildCard, YouthCard } from "./HomeCard";
import { MyChildRoute, MyChildrenPage } from "./MyChildPage";
import { YouthPageRoute } from "./YouthPage";

export const feature: Feature = {
  nav: [
    { path: "/my-child", labelKey: "nav.myChild", order: 5, visible: (s) => s.abilities.includes("family:read") },
    { path: "/me", labelKey: "nav.youthPage", order: 5, visible: (s) => s.abilities.includes("youth:read") },
  ],
  homeCards: [
    { id: "my-child", order: 1, visible: (s) => s.abilities.includes("family:read"), Card: MyChildCard },
    { id: "youth-page", order: 1, visible: (s) => s.abilities.includes("youth:read"), Card: YouthCard },
  ],
  routes: [
    { path: "/my-child", element: <MyChildrenPage /> },
    { path: "/my-child/:childId", element: <MyChildRoute /> },
    { path: "/me", element: <YouthPageRoute /> },
  ],
};
