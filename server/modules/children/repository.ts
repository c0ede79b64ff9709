import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { childScope } from "../../platform/access/child-scope.js";
import type { Permission } from "../../platform/access/permissions.js";
import "./tables.js";

/** How a service names the child it works on: directly, or through one of the child's tasks or hearings. */
export type ChildTarget = string | { taskId: string } | { hearingId: string };

export type ChildFacts = NonNullable<Awaited<ReturnType<ReturnType<typeof childrenRepository>["childFacts"]>>>;

/**
 * The calendar day at the site of the `child` row in the query, as the actor's request saw it (actor.siteDays: the
 * site's zone, the app's clock). A child the actor reaches is at one of their sites, so it always has a day.
 */
function siteDayOfChild(actor: Actor): RawBuilder<string> {
  const days = Object.entries(actor.siteDays);
  if (days.length === 0) return sql<string>`null::date`;
  const cases = days.map(([siteId, day]) => sql`when ${siteId}::uuid then ${day}::date`);
  return sql<string>`(case child.site_id ${sql.join(cases, sql` `)} end)`;
}

export function childrenRepository(db: Kysely<Database>) {
  /**
   * Children the actor may reach with `permission`; every query starts here. The placement joined is the one in
   * force on the child's site day (a planned move recorded for a later day is not where the child lives yet).
   */
  const scoped = (actor: Actor, permission: Permission) => {
    const today = siteDayOfChild(actor);
    return db
      .selectFrom("child")
      .innerJoin("person", "person.id", "child.person_id")
      .leftJoin("placement", (j) =>
        j
          .onRef("placement.child_id", "=", "child.id")
          .on("placement.start_date", "<=", today)
          .on((eb) => eb.or([eb("placement.end_date", "is", null), eb("placement.end_date", ">", today)])),
      )
      .where(childScope(actor, permission));
  };

  const listColumns = (actor: Actor) =>
    [
      "child.id",
      "child.site_id",
      "child.case_number",
      "person.given_name",
      "person.family_name",
      "person.preferred_name",
      "person.birth_date",
      "placement.setting",
      "placement.start_date",
      // The first placement starting after the site day: a planned move still to come.
      (eb: ExpressionBuilder<Database, "child" | "person" | "placement">) =>
        eb
          .selectFrom("placement as up")
          .select((u) => u.fn.min("up.start_date").as("d"))
          .whereRef("up.child_id", "=", "child.id")
          .where("up.start_date", ">", siteDayOfChild(actor))
          .as("upcoming_start_date"),
    ] as const;

  return {
    /**
     * The child behind `target` (its id, or one of its tasks or hearings) with the
     * facts services need, if the actor reaches it with `permission`; locks the
     * child's row when asked (writes that check, then change, the child's records).
     */
    async childFacts(actor: Actor, permission: Permission, target: ChildTarget, lock: boolean) {
      let q = db
        .selectFrom("child")
        .innerJoin("site", "site.id", "child.site_id")
        .innerJoin("person", "person.id", "child.person_id")
        .select([
          "child.id",
          "child.site_id",
          "child.person_id",
          "child.version",
          "child.icwa",
          "site.state_code",
          "site.time_zone",
          "person.given_name",
          "person.family_name",
        ])
        .where(childScope(actor, permission));
      if (typeof target === "string") q = q.where("child.id", "=", target);
      else if ("taskId" in target)
        q = q.where("child.id", "=", (eb) =>
          eb.selectFrom("practice_task").select("child_id").where("id", "=", target.taskId),
        );
      else
        q = q.where("child.id", "=", (eb) =>
          eb.selectFrom("court_hearing").select("child_id").where("id", "=", target.hearingId),
        );
      if (lock) q = q.forUpdate("child");
      return q.executeTakeFirst();
    },

    /** Which of `permissions` reach this child for the actor, in one query (scope as well as permission). */
    async reachingPermissions(
      actor: Actor,
      childId: string,
      permissions: readonly Permission[],
    ): Promise<Set<Permission>> {
      const row = await db
        .selectFrom("child")
        .select((eb) => permissions.map((p, i) => sql<boolean>`${childScope(actor, p)(eb)}`.as(`p${i}`)))
        .where("child.id", "=", childId)
        .executeTakeFirst();
      const flags = (row ?? {}) as Record<string, boolean>;
      return new Set(permissions.filter((_, i) => flags[`p${i}`] === true));
    },

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
          .select(listColumns(actor))
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
      return scoped(actor, permission).select(listColumns(actor)).where("child.id", "=", childId).executeTakeFirst();
    },

    /**
     * Those of `childIds` the actor reaches, in name order (another module's list of children, e.g. outcomes
     * drill-down).
     */
    async findMany(actor: Actor, permission: Permission, childIds: string[]) {
      if (childIds.length === 0) return [];
      return scoped(actor, permission)
        .select(listColumns(actor))
        .where("child.id", "in", childIds)
        .orderBy("person.family_name")
        .orderBy("person.given_name")
        .orderBy("child.id")
        .execute();
    },
  };
}
