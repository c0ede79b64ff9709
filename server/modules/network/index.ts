import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import { registerNetworkRoutes } from "./routes.js";

/** The network module's public surface: its descriptor, and the site facts other modules read. */
export const networkModule: ModuleDescriptor = {
  name: "network",
  routes: [registerNetworkRoutes],
  messages: { en: {}, es: {} },
  permissions: ["network:read"],
};

export { networkDirectory, networkService, type PersonSummary, siteDirectory } from "./service.js";
