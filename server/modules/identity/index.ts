import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import { registerAuthRoutes } from "./auth-routes.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerIdentityRoutes } from "./routes.js";

/** The identity module's public surface: sign-in, accounts, invitations and the site's security policy. */
export const identityModule: ModuleDescriptor = {
  name: "identity",
  routes: [registerAuthRoutes, registerIdentityRoutes],
  messages: { en, es },
  permissions: ["user:manage", "user:invite", "security:manage", "network:administer"],
};

/** Accounts by id or email for other modules (names on records, share recipients, mail). */
export {
  accountsOfPersons,
  activeMailboxesOfPersons,
  activeSiteStaffWithPermission,
  activeSiteStaffWithRole,
  activeSiteUserByEmail,
  type DirectoryEntry,
  mailboxesOf,
  usersByIds,
} from "./directory.js";
/** Invitations another module sends for a person of its records (a child's page), checked inside the transaction. */
export { Invitation } from "./schema.js";
export { inviteUser } from "./service.js";
/** The session hook's idle timeout of a user (the strictest policy of their sites). */
export { idleMinutesFor } from "./sign-in.js";
/** Accounts made and disabled from the command line. */
export { addUser, disableUser, type NewUser } from "./user-admin.js";
