import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import { type Actor, actorDay, type HeldScope } from "./actor.js";
import { childReachedThrough } from "./child-scope.js";
import "./tables.js";

export interface ChildReach {
  siteId: string;
  /**
   * The scopes through which the actor reaches this child with any permission (field classes are granted per scope).
   */
  reachedThrough: ReadonlySet<HeldScope>;
  /** The scopes through which the actor may read this child (child:read). */
  readThrough: ReadonlySet<HeldScope>;
  /** Reasons of the shares that let the actor in now (empty unless reached through 'shared'). */
  shareReasons: string[];
}

/**
 * How the actor reaches one child, in one query: the scopes that hold for it,
 * and the reasons of any share. A service calls this after its scoped query
 * found the child, to decide field classes and the audit row's purpose.
 */
export async function childReach(db: Kysely<Database>, actor: Actor, childId: string): Promise<ChildReach | null> {
  const scopes = [...new Set(actor.permissions.map((p) => p.scope))];
  if (scopes.length === 0) return null;
  const row = await db
    .selectFrom("child")
    .select((eb) => [
      "child.site_id",
      ...scopes.map((scope) => sql<boolean>`${childReachedThrough(actor, scope)(eb)}`.as(`any_${scope}`)),
      ...scopes.map((scope) =>
        sql<boolean>`${childReachedThrough(actor, scope, "child:read")(eb)}`.as(`read_${scope}`),
      ),
    ])
    .where("child.id", "=", childId)
    .executeTakeFirst();
  if (!row) return null;
  const flags = row as unknown as Record<string, boolean | string>;
  const reachedThrough = new Set(scopes.filter((scope) => flags[`any_${scope}`] === true));
  const readThrough = new Set(scopes.filter((scope) => flags[`read_${scope}`] === true));
  const shareReasons = readThrough.has("shared")
    ? (
        await db
          .selectFrom("child_share")
          .select("reason")
          .where("child_id", "=", childId)
          .where("shared_with_user_id", "=", actor.userId)
          .where("revoked_at", "is", null)
          .where("starts_on", "<=", actorDay(actor, row.site_id))
          .where("ends_on", ">=", actorDay(actor, row.site_id))
          .orderBy("created_at")
          .execute()
      ).map((s) => s.reason)
    : [];
  return { siteId: row.site_id, reachedThrough, readThrough, shareReasons };
}

/**
 * The purpose an audit row of a read records: a read the actor could make
 * only through a share carries the share's stated reason.
 */
export function purposeOfRead(reach: ChildReach | null): string | null {
  if (!reach || reach.shareReasons.length === 0) return null;
  if ([...reach.readThrough].some((scope) => scope !== "shared")) return null;
  return reach.shareReasons.join("; ").slice(0, 1000);
}
