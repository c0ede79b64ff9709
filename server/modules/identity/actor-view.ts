import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";

export const ActorView = z.object({
  user: z.object({
    id: z.string(),
    personId: z.string(),
    displayName: z.string(),
    email: z.string(),
    language: z.enum(["en", "es"]),
  }),
  roles: z.array(
    z.object({
      role: z.string(),
      siteId: z.string(),
      siteCode: z.string(),
      siteName: z.string(),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      /** The site's calendar day now, in its time zone: forms default their dates to it. */
      today: z.string(),
    }),
  ),
  /** Permission codes the actor holds somewhere: the page hides what it cannot do. */
  abilities: z.array(z.string()),
  csrfToken: z.string(),
});
export type ActorView = z.infer<typeof ActorView>;

export async function actorView(db: Kysely<Database>, actor: Actor, csrfToken: string): Promise<ActorView> {
  const siteIds = [...new Set(actor.grants.map((g) => g.siteId))];
  const unitIds = actor.grants.map((g) => g.unitId).filter((u): u is string => u !== null);
  const sites = siteIds.length
    ? await db.selectFrom("site").select(["id", "code", "name"]).where("id", "in", siteIds).execute()
    : [];
  const units = unitIds.length
    ? await db.selectFrom("unit").select(["id", "name"]).where("id", "in", unitIds).execute()
    : [];
  return {
    user: {
      id: actor.userId,
      personId: actor.personId,
      displayName: actor.displayName,
      email: actor.email,
      language: actor.locale,
    },
    roles: actor.grants.map((g) => {
      const site = sites.find((s) => s.id === g.siteId)!;
      return {
        role: g.role,
        siteId: g.siteId,
        siteCode: site.code,
        siteName: site.name,
        unitId: g.unitId,
        unitName: units.find((u) => u.id === g.unitId)?.name ?? null,
        today: actor.siteDays[g.siteId],
      };
    }),
    abilities: [...new Set(actor.permissions.map((p) => p.permission))].sort(),
    csrfToken,
  };
}
