import type { ModuleDescriptor } from "../platform/registry/module-descriptor.js";
import { caregiverModule } from "./caregiver/index.js";
import { childrenModule } from "./children/index.js";
import { defineModule } from "./define/index.js";
import { familyModule } from "./family/index.js";
import { familyChannelModule } from "./family-channel/index.js";
import { homesModule } from "./homes/index.js";
import { identityModule } from "./identity/index.js";
import { improveModule } from "./improve/index.js";
import { networkModule } from "./network/index.js";
import { outcomesModule } from "./outcomes/index.js";
import { partnershipModule } from "./partnership/index.js";
import { trainingModule } from "./training/index.js";

/**
 * Every module, in one list: a module is on when it is here. The app
 * registers their message catalogues and routes, the server's scheduler runs
 * their jobs; nothing else of a module is reached except through its index.
 */
export const modules: readonly ModuleDescriptor[] = [
  identityModule,
  networkModule,
  childrenModule,
  outcomesModule,
  partnershipModule,
  defineModule,
  caregiverModule,
  homesModule,
  trainingModule,
  familyModule,
  improveModule,
  familyChannelModule,
];
