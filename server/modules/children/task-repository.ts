import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { childScope } from "../../platform/access/child-scope.js";
import "./tables.js";
import type { Permission } from "../../platform/access/permissions.js";

// Whether an open task is past its deadline: hour deadlines against the
// clock's instant, day deadlines against that instant's day in the site's zone.
const overdueSql = (now: Date) =>
  sql<boolean>`(t.status = 'open' AND ((t.due_at IS NOT NULL AND t.due_at < ${now}::timestamptz) \
OR (t.due_on IS NOT NULL AND t.due_on < (${now}::timestamptz AT TIME ZONE s.time_zone)::date)))`;
const onTimeSql = sql<boolean | null>`CASE WHEN t.status <> 'completed' THEN NULL
  WHEN t.due_at IS NOT NULL THEN t.completed_at <= t.due_at
  ELSE (t.completed_at AT TIME ZONE s.time_zone)::date <= t.due_on END`;

/** The person who is the child's caseworker now (an open caseworker membership), or null. */
const currentCaseworkerSql = sql<string | null>`(SELECT ctm.person_id FROM child_team_member ctm
  WHERE ctm.child_id = t.child_id AND ctm.role = 'caseworker' AND ctm.ends_on IS NULL
  ORDER BY ctm.starts_on DESC, ctm.person_id LIMIT 1)`;

/** A task's deadline as an instant: an hour deadline itself, a day deadline at the end of that day in the site's zone. */
const dueInstantSql = sql`coalesce(t.due_at, (t.due_on::timestamp AT TIME \
ZONE s.time_zone) + interval '1 day' - interval '1 second')`;

/** A task's due day in the site's calendar. */
const dueDaySql = sql`coalesce(t.due_on, (t.due_at AT TIME ZONE s.time_zone)::date)`;

/**
 * Which tasks a worklist or a count takes. Windows are read at the clock's instant in each task's site calendar:
 *  overdue  open and past its deadline (the one definition: `overdueSql`)
 *  today    open and due by the end of the site's today (overdue ones included)
 *  week     open and due by the end of the seventh day after the site's today (overdue ones included)
 *  all      every task, open, done or not required, any due date
 */
export interface TaskFilter {
  window: "overdue" | "today" | "week" | "all";
  practice?: string;
  childId?: string;
  /** The person who is the child's caseworker now; `null` picks children without one. */
  caseworkerId?: string | null;
}

function taskFilter(now: Date, filter: TaskFilter) {
  const siteToday = sql`(${now}::timestamptz AT TIME ZONE s.time_zone)::date`;
  const window =
    filter.window === "overdue"
      ? overdueSql(now)
      : filter.window === "today"
        ? sql<boolean>`(t.status = 'open' AND ${dueDaySql} <= ${siteToday})`
        : filter.window === "week"
          ? sql<boolean>`(t.status = 'open' AND ${dueDaySql} <= ${siteToday} + 7)`
          : sql<boolean>`true`;
  const practice = filter.practice ? sql<boolean>`t.practice = ${filter.practice}` : sql<boolean>`true`;
  const child = filter.childId ? sql<boolean>`t.child_id = ${filter.childId}` : sql<boolean>`true`;
  const caseworker =
    filter.caseworkerId === undefined
      ? sql<boolean>`true`
      : filter.caseworkerId === null
        ? sql<boolean>`${currentCaseworkerSql} IS NULL`
        : sql<boolean>`${currentCaseworkerSql} = ${filter.caseworkerId}::uuid`;
  return sql<boolean>`(${window} AND ${practice} AND ${child} AND ${caseworker})`;
}

/** Practice tasks; every query joins the child and adds the actor's scope. `now` is the clock's instant. */
export function taskRepository(db: Kysely<Database>, now: Date) {
  const scoped = (actor: Actor, permission: Permission) =>
    db
      .selectFrom("practice_task as t")
      .innerJoin("child", "child.id", "t.child_id")
      .innerJoin("person as cp", "cp.id", "child.person_id")
      .innerJoin("site as s", "s.id", "t.site_id")
      .innerJoin("practice_rule as r", "r.id", "t.rule_id")
      .innerJoin("practice_kind as k", "k.code", "t.practice")
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
        "t.completed_by",
        "r.source_url",
        "r.source_note",
        "r.source_note_es",
        "r.layer as rule_layer",
        "k.label_en as practice_label_en",
        "k.label_es as practice_label_es",
        "k.completion",
        "s.time_zone",
        currentCaseworkerSql.as("caseworker_id"),
        overdueSql(now).as("overdue"),
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

    /** Marks the hearing's open caregiver-court-report task done: the report was received and forwarded. */
    async completeCourtReportTask(hearingId: string, at: Date, by: string) {
      await db
        .updateTable("practice_task")
        .set((eb) => ({
          status: "completed",
          completed_at: at,
          completed_by: by,
          outcome: "received_and_forwarded",
          version: eb("version", "+", 1),
        }))
        .where("hearing_id", "=", hearingId)
        .where("practice", "=", "caregiver_court_report")
        .where("status", "=", "open")
        .execute();
    },

    async complete(taskId: string, values: { at: Date; by: string; outcome: string; content: unknown }) {
      await db
        .updateTable("practice_task")
        .set((eb) => ({
          status: "completed",
          completed_at: values.at,
          completed_by: values.by,
          outcome: values.outcome,
          content: JSON.stringify(values.content),
          version: eb("version", "+", 1),
        }))
        .where("id", "=", taskId)
        .execute();
    },

    async saveContent(taskId: string, content: unknown) {
      await db
        .updateTable("practice_task")
        .set((eb) => ({ content: JSON.stringify(content), version: eb("version", "+", 1) }))
        .where("id", "=", taskId)
        .execute();
    },

    /** The task, locked, with how its kind is completed. */
    lockTask(taskId: string) {
      return db
        .selectFrom("practice_task as t")
        .innerJoin("practice_kind as k", "k.code", "t.practice")
        .selectAll("t")
        .select("k.completion")
        .where("t.id", "=", taskId)
        .forUpdate("t")
        .executeTakeFirstOrThrow();
    },

    /**
     * The worklist: the actor's tasks matching `filter` (see `taskFilter`), open before done, then by due
     * instant, then by id so that equal deadlines keep one order between requests.
     */
    worklist(actor: Actor, filter: TaskFilter, limit = 500) {
      return scoped(actor, "practice:read")
        .where(taskFilter(now, filter))
        .orderBy(sql`CASE WHEN t.status = 'open' THEN 0 ELSE 1 END`)
        .orderBy(dueInstantSql)
        .orderBy("t.id")
        .limit(limit)
        .execute();
    },

    /**
     * How many tasks match `filter`, per current caseworker and per practice: the same scope and the same
     * predicate as `worklist`, so a figure and the list it opens cannot disagree.
     */
    async counts(actor: Actor, filter: TaskFilter) {
      const base = db
        .selectFrom("practice_task as t")
        .innerJoin("child", "child.id", "t.child_id")
        .innerJoin("site as s", "s.id", "t.site_id")
        .where(childScope(actor, "practice:read"))
        .where(taskFilter(now, filter));
      const [byCaseworker, byPractice] = await Promise.all([
        base
          .leftJoin("person as wp", (join) => join.on(sql<boolean>`wp.id = ${currentCaseworkerSql}`))
          .select(["wp.id as person_id", "wp.given_name", "wp.family_name", sql<number>`count(*)::int`.as("count")])
          .groupBy(["wp.id", "wp.given_name", "wp.family_name"])
          .orderBy("wp.family_name")
          .orderBy("wp.given_name")
          .execute(),
        base
          .select(["t.practice", sql<number>`count(*)::int`.as("count")])
          .groupBy("t.practice")
          .orderBy("t.practice")
          .execute(),
      ]);
      return { byCaseworker, byPractice };
    },

    /** The earliest calendar day among the sites' zones at the clock's instant. */
    async earliestSiteDay(siteIds: string[]) {
      const row = await db
        .selectFrom("site")
        .select(sql<string>`to_char(min((${now}::timestamptz AT TIME ZONE time_zone)::date), 'YYYY-MM-DD')`.as("day"))
        .where("id", "in", siteIds)
        .executeTakeFirstOrThrow();
      return row.day;
    },

    /**
     * Timeliness per practice per unit (the unit of the child's current
     * caseworker: an open membership, as the supervisors' unit scope reads it, so a unit's overdue figure
     * counts the tasks its supervisor's worklist shows; a child without one has no unit), over tasks due since `since` (and until `until`, when given), at the sites given.
     */
    async timeliness(siteIds: string[], window: { since: string; until?: string } | { days: number }) {
      if (siteIds.length === 0) return [];
      // The last `days` days are each site's own: counted back from the clock's day in the site's zone.
      const since =
        "days" in window
          ? sql<string>`((${now}::timestamptz AT TIME ZONE s.time_zone)::date - ${window.days}::int)`
          : sql<string>`${window.since}::date`;
      const until = "until" in window ? window.until : undefined;
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
          WHERE ctm.role = 'caseworker' AND ctm.ends_on IS NULL
          ORDER BY ctm.child_id, ctm.starts_on DESC, ctm.person_id
        ), graded AS (
          SELECT t.practice, wu.unit_id, t.status, ${overdueSql(now)} AS overdue, ${onTimeSql} AS on_time
          FROM practice_task t
          JOIN site s ON s.id = t.site_id
          LEFT JOIN worker_unit wu ON wu.child_id = t.child_id
          WHERE t.site_id IN (${sql.join(siteIds)})
            AND coalesce(t.due_on, (t.due_at AT TIME ZONE s.time_zone)::date) >= ${since}
            AND (${until ?? null}::date IS NULL OR coalesce(t.due_on, \
(t.due_at AT TIME ZONE s.time_zone)::date) <= ${until ?? null}::date)
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
