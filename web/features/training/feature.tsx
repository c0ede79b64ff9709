import type { Feature } from "../../app/navigation";
import { TrainingHoursCard } from "./HoursCard";
import { TrainingRecommendedCard } from "./RecommendedCard";
import { TrainingItemPage } from "./TrainingItemPage";
import { TrainingPage } from "./TrainingPage";

export const feature: Feature = {
  nav: [
    { path: "/training", labelKey: "nav.training", order: 70, visible: (s) => s.abilities.includes("training:read") },
  ],
  homeCards: [
    {
      id: "training-hours",
      order: 30,
      visible: (s) => s.abilities.includes("training:complete"),
      Card: TrainingHoursCard,
    },
    {
      id: "training-recommended",
      order: 31,
      visible: (s) => s.abilities.includes("training:complete"),
      Card: TrainingRecommendedCard,
    },
  ],
  routes: [
    { path: "/training", element: <TrainingPage /> },
    { path: "/training/items/:code", element: <TrainingItemPage /> },
  ],
};
