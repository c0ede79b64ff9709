import { AppError } from "../errors/app-error.js";
import type { Actor, HeldPermission } from "./actor.js";
import type { Permission } from "./permissions.js";

/** The permissions the actor holds for `permission`, each with its scope. */
export function heldPermissions(actor: Actor, permission: Permission): HeldPermission[] {
  return actor.permissions.filter((p) => p.permission === permission);
}

export function hasPermission(actor: Actor, permission: Permission, siteId?: string): boolean {
  return heldPermissions(actor, permission).some((p) => siteId === undefined || p.siteId === siteId);
}

/**
 * The first line of every service function. Without the permission anywhere
 * the answer is 403; for a record of a site the actor has no grant in, 404 —
 * another jurisdiction's records do not exist for this actor.
 * Relationship scopes ('unit', 'assigned', 'own') are enforced by the
 * repositories' queries, which return nothing outside them.
 */
export function requireAccess(actor: Actor, permission: Permission, target?: { siteId: string }): HeldPermission[] {
  const held = heldPermissions(actor, permission);
  if (target) {
    const atSite = held.filter((p) => p.siteId === target.siteId);
    if (atSite.length === 0) {
      const knowsSite = actor.grants.some((g) => g.siteId === target.siteId);
      throw knowsSite ? new AppError("forbidden") : new AppError("not_found");
    }
    return atSite;
  }
  if (held.length === 0) throw new AppError("forbidden");
  return held;
}
