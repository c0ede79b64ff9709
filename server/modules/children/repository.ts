import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { childScope } from "../../platform/access/child-scope.js";
import type { Permission } from "../../platform/access/permissions.js";

export function childrenRepository(db: Kysely<Database>) {
  /** Children the actor may reach with `permission`; every query starts here. */
  const scoped = (actor: Actor, permission: Permission) =>
    db
      .selectFrom("child")
      .innerJoin("person", "person.id", "child.person_id")
      .leftJoin("placement", (j) => j.onRef("placement.child_id", "=", "child.id").on("placement.end_date", "is", null))
      .where(childScope(actor, permission));

  const listColumns = [
    "child.id",
    "child.site_id",
    "child.case_number",
    "person.given_name",
    "person.family_name",
    "person.preferred_name",
    "person.birth_date",
    "placement.setting",
    "placement.start_date",
  ] as const;

  return {
    async list(actor: Actor, query: { q?: string; limit: number; offset: number }) {
      let base = scoped(actor, "child:list");
      if (query.q) {
        const like = `%${query.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        base = base.where((eb) =>
          eb.or([
            eb(eb.fn("lower", ["person.given_name"]), "like", like),
            eb(eb.fn("lower", ["person.family_name"]), "like", like),
            eb(eb.fn("lower", ["child.case_number"]), "like", like),
          ]),
        );
      }
      const [rows, total] = await Promise.all([
        base
          .select(listColumns)
          .orderBy("person.family_name")
          .orderBy("person.given_name")
          .orderBy("child.id")
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        base.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: total.n };
    },

    async findOne(actor: Actor, permission: Permission, childId: string) {
      return scoped(actor, permission).select(listColumns).where("child.id", "=", childId).executeTakeFirst();
    },

    /** Those of `childIds` the actor reaches, in name order (another module's list of children, e.g. outcomes drill-down). */
    async findMany(actor: Actor, permission: Permission, childIds: string[]) {
      if (childIds.length === 0) return [];
      return scoped(actor, permission)
        .select(listColumns)
        .where("child.id", "in", childIds)
        .orderBy("person.family_name")
        .orderBy("person.given_name")
        .orderBy("child.id")
        .execute();
    },
  };
}
