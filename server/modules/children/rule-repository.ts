import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { PracticeKindTable, PracticeRuleTable } from "../../platform/rules/tables.js";
import { addCalendarDays } from "../../platform/rules/zoned-time.js";
import "./tables.js";

type RuleKey = Pick<Selectable<PracticeRuleTable>, "state_code" | "site_id" | "practice" | "trigger" | "applies_to">;

/** Practice rule sets and their vocabulary: public policy, by state and site, with effective dates. */
export function ruleRepository(db: Kysely<Database>) {
  return {
    /** The states of these sites. */
    async statesOf(siteIds: string[]) {
      if (siteIds.length === 0) return [];
      const rows = await db.selectFrom("site").select("state_code").distinct().where("id", "in", siteIds).execute();
      return rows.map((r) => r.state_code);
    },

    /** Those of these sites that are in the state, with their names. */
    sitesInState(siteIds: string[], stateCode: string) {
      if (siteIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("site")
        .select(["id", "name"])
        .where("id", "in", siteIds)
        .where("state_code", "=", stateCode)
        .orderBy("name")
        .execute();
    },

    /** The state's rules and every site setting of the state, with the site's name. */
    rulesOf(stateCode: string) {
      return db
        .selectFrom("practice_rule as r")
        .leftJoin("site as s", "s.id", "r.site_id")
        .selectAll("r")
        .select("s.name as site_name")
        .where("r.state_code", "=", stateCode)
        .orderBy("r.practice")
        .orderBy("r.trigger")
        .orderBy(sql`r.site_id IS NOT NULL`)
        .orderBy("s.name")
        .orderBy(sql`r.effective_from DESC NULLS LAST`)
        .execute();
    },

    /** The practices usable in the state: network-wide ones, the state's own and its sites' own. */
    async kindsOf(stateCode: string) {
      const kinds = await db
        .selectFrom("practice_kind")
        .selectAll()
        .where((eb) => eb.or([eb("state_code", "is", null), eb("state_code", "=", stateCode)]))
        .orderBy("code")
        .execute();
      const recipients = await db.selectFrom("practice_kind_recipient").selectAll().execute();
      return kinds.map((k) => ({
        ...k,
        recipients: recipients.filter((r) => r.kind_code === k.code).map((r) => r.recipient_code),
      }));
    },

    /** The practices every state can set (network-wide kinds), the rows of the coverage table. */
    async networkKindCodes() {
      const rows = await db
        .selectFrom("practice_kind")
        .select("code")
        .where("state_code", "is", null)
        .where("site_id", "is", null)
        .orderBy("created_at")
        .orderBy("code")
        .execute();
      return rows.map((r) => r.code);
    },

    kind(code: string) {
      return db.selectFrom("practice_kind").selectAll().where("code", "=", code).executeTakeFirst();
    },

    triggers() {
      return db.selectFrom("rule_trigger").selectAll().orderBy("created_at").orderBy("code").execute();
    },

    exclusions() {
      return db.selectFrom("rule_exclusion").selectAll().orderBy("created_at").orderBy("code").execute();
    },

    recipients() {
      return db.selectFrom("practice_recipient").selectAll().orderBy("created_at").orderBy("code").execute();
    },

    /**
     * The state's law for a practice from `from` on (layer 'state', no site): the minimum a site setting for the
     * same practice, event and children may not loosen.
     */
    stateMinimumsFrom(key: Omit<RuleKey, "site_id">, from: string) {
      return db
        .selectFrom("practice_rule")
        .selectAll()
        .where("state_code", "=", key.state_code)
        .where("site_id", "is", null)
        .where("layer", "=", "state")
        .where("practice", "=", key.practice)
        .where("trigger", "=", key.trigger)
        .where("applies_to", "in", key.applies_to === "all" ? ["all", "icwa", "non_icwa"] : ["all", key.applies_to])
        .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">=", from)]))
        .execute();
    },

    /** The versions of one site's setting still in force on or after `from`, locked. */
    lockVersionsFrom(key: RuleKey, from: string) {
      return db
        .selectFrom("practice_rule")
        .selectAll()
        .where("state_code", "=", key.state_code)
        .where((eb) => (key.site_id ? eb("site_id", "=", key.site_id) : eb("site_id", "is", null)))
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

    async insertKind(values: Insertable<PracticeKindTable>, recipients: string[]) {
      const kind = await db.insertInto("practice_kind").values(values).returningAll().executeTakeFirstOrThrow();
      if (recipients.length)
        await db
          .insertInto("practice_kind_recipient")
          .values(recipients.map((r) => ({ kind_code: kind.code, recipient_code: r })))
          .execute();
      return kind;
    },
  };
}
