import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { childScope } from "../../platform/access/child-scope.js";
import "./tables.js";
import type { Permission } from "../../platform/access/permissions.js";

// Whether an open task is past its deadline: hour deadlines against now,
// day deadlines against today's date in the site's zone.
export const overdueSql = sql<boolean>`(t.status = 'open' AND ((t.due_at IS NOT NULL AND t.due_at < now()) OR (t.due_on IS NOT NULL AND t.due_on < (now() AT TIME ZONE s.time_zone)::date)))`;
export const onTimeSql = sql<boolean | null>`CASE WHEN t.status <> 'completed' THEN NULL
  WHEN t.due_at IS NOT NULL THEN t.completed_at <= t.due_at
  ELSE (t.completed_at AT TIME ZONE s.time_zone)::date <= t.due_on END`;

/** Practice tasks; every query joins the child and adds the actor's scope. */
export function taskRepository(db: Kysely<Database>) {
  const scoped = (actor: Actor, permission: Permission) =>
    db
      .selectFrom("practice_task as t")
      .innerJoin("child", "child.id", "t.child_id")
      .innerJoin("person as cp", "cp.id", "child.person_id")
      .innerJoin("site as s", "s.id", "t.site_id")
      .innerJoin("practice_rule as r", "r.id", "t.rule_id")
      .leftJoin("user_account as cu", "cu.id", "t.completed_by")
      .leftJoin("person as cbp", "cbp.id", "cu.person_id")
      .where(childScope(actor, permission))
      .select([
        "t.id",
        "t.child_id",
        "t.site_id",
        "t.placement_id",
        "t.rule_id",
        "t.practice",
        "t.status",
        "t.due_at",
        "t.due_on",
        "t.not_required_reason",
        "t.completed_at",
        "t.outcome",
        "t.content",
        "t.version",
        "cp.given_name",
        "cp.family_name",
        "cbp.given_name as completed_by_given",
        "cbp.family_name as completed_by_family",
        "r.source_url",
        "r.source_note",
        "s.time_zone",
        overdueSql.as("overdue"),
        onTimeSql.as("on_time"),
      ]);

  return {
    forChild(actor: Actor, childId: string) {
      return scoped(actor, "practice:read")
        .where("t.child_id", "=", childId)
        .orderBy("t.created_at", "desc")
        .orderBy("t.practice")
        .execute();
    },

    one(actor: Actor, permission: Permission, taskId: string) {
      return scoped(actor, permission).where("t.id", "=", taskId).executeTakeFirst();
    },

    lockTask(taskId: string) {
      return db.selectFrom("practice_task").selectAll().where("id", "=", taskId).forUpdate().executeTakeFirstOrThrow();
    },

    /** Open tasks due within `withinDays` or already overdue, for the children the actor reaches. */
    worklist(actor: Actor, withinDays: number) {
      return scoped(actor, "practice:read")
        .where("t.status", "=", "open")
        .where((eb) =>
          eb.or([
            eb.and([
              eb("t.due_at", "is not", null),
              eb("t.due_at", "<=", sql<Date>`now() + make_interval(days => ${withinDays})`),
            ]),
            eb.and([
              eb("t.due_on", "is not", null),
              eb("t.due_on", "<=", sql<string>`((now() AT TIME ZONE s.time_zone)::date + ${withinDays}::int)`),
            ]),
          ]),
        )
        .orderBy(
          sql`coalesce(t.due_at, (t.due_on::timestamp AT TIME ZONE s.time_zone) + interval '1 day' - interval '1 second')`,
        )
        .limit(500)
        .execute();
    },

    /**
     * Timeliness per practice per unit (the unit of the child's current
     * caseworker), over tasks due since `since` (and until `until`, when given), at the sites given.
     */
    async timeliness(siteIds: string[], since: string, until?: string) {
      if (siteIds.length === 0) return [];
      const result = await sql<{
        unit_id: string | null;
        unit_name: string | null;
        practice: string;
        on_time: number;
        late: number;
        overdue: number;
        pending: number;
        not_required: number;
      }>`
        WITH worker_unit AS (
          SELECT DISTINCT ON (ctm.child_id) ctm.child_id, rg.unit_id
          FROM child_team_member ctm
          JOIN user_account ua ON ua.person_id = ctm.person_id
          JOIN role_grant rg ON rg.user_id = ua.id AND rg.role_code = 'caseworker'
          WHERE ctm.role = 'caseworker'
          ORDER BY ctm.child_id, ctm.ends_on IS NULL DESC, ctm.starts_on DESC
        ), graded AS (
          SELECT t.practice, wu.unit_id, t.status, ${overdueSql} AS overdue, ${onTimeSql} AS on_time
          FROM practice_task t
          JOIN site s ON s.id = t.site_id
          LEFT JOIN worker_unit wu ON wu.child_id = t.child_id
          WHERE t.site_id IN (${sql.join(siteIds)})
            AND coalesce(t.due_on, (t.due_at AT TIME ZONE s.time_zone)::date) >= ${since}::date
            AND (${until ?? null}::date IS NULL OR coalesce(t.due_on, (t.due_at AT TIME ZONE s.time_zone)::date) <= ${until ?? null}::date)
        )
        SELECT g.unit_id, u.name AS unit_name, g.practice,
          count(*) FILTER (WHERE g.on_time)::int AS on_time,
          count(*) FILTER (WHERE g.status = 'completed' AND NOT g.on_time)::int AS late,
          count(*) FILTER (WHERE g.overdue)::int AS overdue,
          count(*) FILTER (WHERE g.status = 'open' AND NOT g.overdue)::int AS pending,
          count(*) FILTER (WHERE g.status = 'not_required')::int AS not_required
        FROM graded g LEFT JOIN unit u ON u.id = g.unit_id
        GROUP BY g.unit_id, u.name, g.practice
        ORDER BY u.name NULLS LAST, g.practice`.execute(db);
      return result.rows;
    },
  };
}
