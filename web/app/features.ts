import type { Feature } from "./navigation";

const modules = import.meta.glob<{ feature: Feature }>("../features/*/feature.tsx", { eager: true });

export const features: Feature[] = Object.values(modules).map((m) => m.feature);
export const navigation = features.flatMap((f) => f.nav ?? []).sort((a, b) => a.order - b.order);
export const featureRoutes = features.flatMap((f) => f.routes);
export const homeCards = features.flatMap((f) => f.homeCards ?? []).sort((a, b) => a.order - b.order);
