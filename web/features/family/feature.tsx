import type { Feature } from "../../app/navigation";
import { MyChildCard } from "./HomeCard";
import { MyChildRoute, MyChildrenPage } from "./MyChildPage";

export const feature: Feature = {
  nav: [{ path: "/my-child", labelKey: "nav.myChild", order: 5, visible: (s) => s.abilities.includes("family:read") }],
  homeCards: [{ id: "my-child", order: 1, visible: (s) => s.abilities.includes("family:read"), Card: MyChildCard }],
  routes: [
    { path: "/my-child", element: <MyChildrenPage /> },
    { path: "/my-child/:childId", element: <MyChildRoute /> },
  ],
};
