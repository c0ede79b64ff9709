import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { PracticeRuleTable } from "../../platform/rules/tables.js";
import { addCalendarDays } from "../../platform/rules/zoned-time.js";
import "./tables.js";

type RuleKey = Pick<Selectable<PracticeRuleTable>, "state_code" | "practice" | "trigger" | "applies_to">;

/** Practice rule sets: public policy, by state, with effective dates. */
export function ruleRepository(db: Kysely<Database>) {
  return {
    /** The states of these sites. */
    async statesOf(siteIds: string[]) {
      if (siteIds.length === 0) return [];
      const rows = await db.selectFrom("site").select("state_code").distinct().where("id", "in", siteIds).execute();
      return rows.map((r) => r.state_code);
    },

    rulesOf(stateCode: string) {
      return db
        .selectFrom("practice_rule")
        .selectAll()
        .where("state_code", "=", stateCode)
        .orderBy("practice")
        .orderBy("trigger")
        .orderBy(sql`effective_from DESC NULLS LAST`)
        .execute();
    },

    /** The versions of one rule still in force on or after `from`, locked. */
    lockVersionsFrom(key: RuleKey, from: string) {
      return db
        .selectFrom("practice_rule")
        .selectAll()
        .where("state_code", "=", key.state_code)
        .where("practice", "=", key.practice)
        .where("trigger", "=", key.trigger)
        .where("applies_to", "=", key.applies_to)
        .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">=", from)]))
        .orderBy(sql`effective_from DESC NULLS LAST`)
        .forUpdate()
        .execute();
    },

    /** Ends a rule version the day before `nextFrom`. */
    async endBefore(ruleId: string, nextFrom: string) {
      await db
        .updateTable("practice_rule")
        .set((eb) => ({ effective_to: addCalendarDays(nextFrom, -1), version: eb("version", "+", 1) }))
        .where("id", "=", ruleId)
        .execute();
    },

    /** Every state's rule versions in force on `day` (a start date not established counts as in force). */
    rulesInForceOn(day: string) {
      return db
        .selectFrom("practice_rule")
        .selectAll()
        .where((eb) => eb.or([eb("effective_from", "is", null), eb("effective_from", "<=", day)]))
        .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">=", day)]))
        .orderBy("state_code")
        .orderBy("practice")
        .orderBy("trigger")
        .execute();
    },

    /** The states any rule set, holiday table or network record names. */
    async coveredStates() {
      const rows = await sql<{ code: string }>`
        SELECT state_code AS code FROM practice_rule
        UNION SELECT state_code FROM court_holiday
        UNION SELECT code::text FROM network_state
        ORDER BY code`.execute(db);
      return rows.rows.map((r) => r.code);
    },

    /** How many court holidays each state's table holds per year, with the source of that year's rows. */
    async holidayCounts() {
      const rows = await sql<{
        state_code: string;
        year: number;
        count: number;
        source_url: string;
        source_note: string;
      }>`
        SELECT state_code, extract(year FROM day)::int AS year, count(*)::int AS count,
               min(source_url) AS source_url, min(source_note) AS source_note
          FROM court_holiday GROUP BY state_code, extract(year FROM day) ORDER BY state_code, year`.execute(db);
      return rows.rows;
    },

    insert(values: Insertable<PracticeRuleTable>) {
      return db.insertInto("practice_rule").values(values).returningAll().executeTakeFirstOrThrow();
    },
  };
}
