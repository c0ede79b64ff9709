import type { ComponentType, ReactElement } from "react";
import type { SessionView } from "./session";

/** A top-level place in the app; shown when the user may use it. */
export interface NavItem {
  path: string;
  labelKey: string;
  /** Lower comes first in the menu. */
  order: number;
  /** "account": the user's own settings, shown with their name and sign-out rather than among the work pages. */
  area?: "primary" | "account";
  visible(session: SessionView): boolean;
}

/** A card a feature puts on the home page for the users it concerns. */
export interface HomeCard {
  id: string;
  /** Lower comes first. */
  order: number;
  visible(session: SessionView): boolean;
  Card: ComponentType;
}

export interface FeatureRoute {
  path: string;
  element: ReactElement;
}

/**
 * What a feature folder contributes to the shell. Each `features/<module>/feature.tsx`
 * exports `feature: Feature`; the shell finds them all, so adding a module never
 * edits the shell.
 */
export interface Feature {
  nav?: NavItem[];
  homeCards?: HomeCard[];
  routes: FeatureRoute[];
}
