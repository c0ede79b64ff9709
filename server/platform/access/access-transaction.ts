import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import { AppError } from "../errors/app-error.js";
import type { Actor } from "./actor.js";
import type { Permission } from "./permissions.js";
import { requireAccess } from "./require-access.js";

/** Turns a database error (a constraint violation) into the module's own 400/409, or rethrows it. */
export type DatabaseErrorMapper = (error: unknown) => never;

/**
 * The generic gate every module's own gate builds on: the permission is checked
 * before anything is read (403 without it anywhere, 404 for a site the actor has
 * no grant in), the work runs in one transaction, and a constraint violation
 * becomes the module's specific answer instead of a 500. The module's gate then
 * selects its aggregate (a child, a household) through its scope inside `work`.
 */
export async function inAccessTransaction<T>(
  db: Kysely<Database>,
  actor: Actor,
  permission: Permission,
  options: { site?: { siteId: string }; mapError: DatabaseErrorMapper },
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  requireAccess(actor, permission, options.site);
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    if (error instanceof AppError) throw error;
    return options.mapError(error);
  }
}
