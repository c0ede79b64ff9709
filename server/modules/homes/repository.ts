import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import type { Permission } from "../../platform/access/permissions.js";
import { heldPermissions } from "../../platform/access/require-access.js";
import type { RfaRuleTable } from "./tables.js";

type Db = Kysely<Database> | Transaction<Database>;

/** Sites where the actor holds `permission` with the site scope. */
export function siteScopeOf(actor: Actor, permission: Permission): string[] {
  return [
    ...new Set(
      heldPermissions(actor, permission)
        .filter((p) => p.scope === "site")
        .map((p) => p.siteId),
    ),
  ];
}

const householdColumns = [
  "h.id",
  "h.site_id",
  "h.version",
  "h.name",
  "h.kind",
  "h.address_line1",
  "h.city",
  "h.postal_code",
  "h.phone",
  "h.email",
  "h.languages",
  "h.license_number",
  "h.approval_type",
  "h.capacity",
  "h.pref_age_min",
  "h.pref_age_max",
  "h.pref_sibling_groups",
  "h.pref_needs",
  "h.availability",
  "h.availability_confirmed_on",
  "h.stage",
  "h.recruitment_source",
  "h.inquiry_on",
  "h.application_on",
  "h.approved_on",
  "h.closed_on",
  "h.closure_reason",
  "h.closure_note",
  "h.exit_reason",
  "h.training_hours",
  "h.contact_shared_with_birth_parents",
] as const;

/** The stage of a home, derived for homes recorded before the pipeline existed. */
export const stageSql = sql<string>`coalesce(h.stage, case when h.closed_on is not null then 'closed' when h.approved_on is not null then 'approved' else 'inquiry' end)`;

export function homesRepository(db: Db) {
  return {
    /**
     * One family home the actor reaches with `permission`: site scope — a home of a site where the actor holds it;
     * own — a home the actor is a member of. Facilities are not households of this module. Undefined out of reach.
     */
    async householdFor(actor: Actor, permission: Permission, householdId: string, lock = false) {
      const held = heldPermissions(actor, permission);
      const sites = [...new Set(held.filter((p) => p.scope === "site").map((p) => p.siteId))];
      const ownSites = [...new Set(held.filter((p) => p.scope === "own").map((p) => p.siteId))];
      if (sites.length === 0 && ownSites.length === 0) return undefined;
      let query = db
        .selectFrom("household as h")
        .select([...householdColumns, stageSql.as("current_stage")])
        .where("h.id", "=", householdId)
        .where("h.kind", "!=", "facility")
        .where((eb) =>
          eb.or([
            ...(sites.length ? [eb("h.site_id", "in", sites)] : []),
            ...(ownSites.length
              ? [
                  eb.and([
                    eb("h.site_id", "in", ownSites),
                    eb.exists(
                      eb
                        .selectFrom("household_member as m")
                        .select("m.person_id")
                        .whereRef("m.household_id", "=", "h.id")
                        .where("m.person_id", "=", actor.personId),
                    ),
                  ]),
                ]
              : []),
          ]),
        );
      if (lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    /** The homes the actor is a member of (a caregiver's or applicant's own). */
    ownHouseholds(actor: Actor, siteIds: string[]) {
      if (siteIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("household as h")
        .innerJoin("household_member as m", "m.household_id", "h.id")
        .select([...householdColumns, stageSql.as("current_stage")])
        .where("m.person_id", "=", actor.personId)
        .where("h.site_id", "in", siteIds)
        .where("h.kind", "!=", "facility")
        .orderBy("h.name")
        .execute();
    },

    /** Homes of one site (already checked), found by name, address or licence number; at most `limit`. */
    async search(
      siteId: string,
      q: string | undefined,
      filter: "pipeline" | "approved" | "ended" | "all",
      limit: number,
    ) {
      let query = db.selectFrom("household as h").where("h.site_id", "=", siteId).where("h.kind", "!=", "facility");
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
        query = query.where((eb) =>
          eb.or([
            eb(eb.fn("lower", ["h.name"]), "like", like),
            eb(eb.fn("lower", ["h.address_line1"]), "like", like),
            eb(eb.fn("lower", ["h.city"]), "like", like),
            eb(eb.fn("lower", ["h.license_number"]), "like", like),
            eb(eb.fn("lower", ["h.postal_code"]), "like", like),
          ]),
        );
      }
      if (filter === "pipeline") query = query.where(stageSql, "not in", ["approved", "withdrawn", "denied", "closed"]);
      if (filter === "approved") query = query.where(stageSql, "=", "approved");
      if (filter === "ended") query = query.where(stageSql, "in", ["withdrawn", "denied", "closed"]);
      const total = await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      const rows = await query
        .select([
          ...householdColumns,
          stageSql.as("current_stage"),
          (eb) =>
            eb
              .selectFrom("household_task as t")
              .select((e) => e.fn.min("t.due_on").as("d"))
              .whereRef("t.household_id", "=", "h.id")
              .where("t.status", "=", "open")
              .as("next_due_on"),
        ])
        .orderBy("h.name")
        .orderBy("h.city")
        .orderBy("h.id")
        .limit(limit)
        .execute();
      return { rows, total: Number(total.n) };
    },

    members(householdId: string) {
      return db
        .selectFrom("household_member as m")
        .innerJoin("person as p", "p.id", "m.person_id")
        .select(["m.person_id", "m.role", "p.given_name", "p.family_name"])
        .where("m.household_id", "=", householdId)
        .orderBy("m.role", "desc")
        .orderBy("p.family_name")
        .execute();
    },
    /** An applicant invited to an account becomes a member of the home, and no longer a resident without one. */
    async linkApplicant(
      householdId: string,
      residentId: string,
      personId: string,
      role: "applicant" | "co_applicant" | "adult" | "child",
    ) {
      await db
        .insertInto("household_member")
        .values({
          household_id: householdId,
          person_id: personId,
          role: role === "applicant" ? "primary_caregiver" : "caregiver",
        })
        .execute();
      await db
        .deleteFrom("household_resident")
        .where("id", "=", residentId)
        .where("household_id", "=", householdId)
        .execute();
    },

    residents(householdId: string) {
      return db
        .selectFrom("household_resident")
        .selectAll()
        .where("household_id", "=", householdId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
    },
    stageEvents(householdId: string) {
      return db
        .selectFrom("household_stage_event")
        .selectAll()
        .where("household_id", "=", householdId)
        .orderBy("entered_on")
        .orderBy("recorded_at")
        .orderBy("id")
        .execute();
    },
    checks(householdId: string) {
      return db
        .selectFrom("household_background_check")
        .selectAll()
        .where("household_id", "=", householdId)
        .orderBy("requested_on")
        .orderBy("id")
        .execute();
    },
    consents(householdId: string) {
      return db
        .selectFrom("household_contact_consent")
        .selectAll()
        .where("household_id", "=", householdId)
        .orderBy("recorded_at", "desc")
        .orderBy("id", "desc")
        .execute();
    },
    tasks(householdId: string) {
      return db
        .selectFrom("household_task as t")
        .innerJoin("rfa_rule as r", "r.id", "t.rule_id")
        .select(["t.id", "t.kind", "t.due_on", "t.status", "r.source_url", "r.source_note"])
        .where("t.household_id", "=", householdId)
        .orderBy("t.due_on")
        .execute();
    },

    /** The version of a state's rule in force on `day`, if the state has one. */
    /** A deadline task of a home from a rule version; a second one of the same kind is not added. */
    async openTask(
      home: { id: string; site_id: string },
      ruleId: string,
      kind: "approval_due" | "cpr_first_aid_due",
      dueOn: string,
    ) {
      await db
        .insertInto("household_task")
        .values({ household_id: home.id, site_id: home.site_id, rule_id: ruleId, kind, due_on: dueOn })
        .onConflict((oc) => oc.columns(["household_id", "kind"]).doNothing())
        .execute();
    },

    /** Closes a home's open tasks (of one kind, or all) as done or cancelled on a day. */
    async closeTasks(householdId: string, status: "done" | "cancelled", on: string, kind?: "approval_due") {
      let query = db
        .updateTable("household_task")
        .set({ status, closed_on: on })
        .where("household_id", "=", householdId)
        .where("status", "=", "open");
      if (kind) query = query.where("kind", "=", kind);
      await query.execute();
    },

    ruleOn(stateCode: string, code: RfaRuleTable["code"], day: string) {
      return db
        .selectFrom("rfa_rule")
        .selectAll()
        .where("state_code", "=", stateCode)
        .where("code", "=", code)
        .where("effective_from", "<=", day)
        .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">=", day)]))
        .orderBy("effective_from", "desc")
        .executeTakeFirst();
    },

    /** Approved, available family homes of a site, with what matching reads. */
    matchCandidates(siteId: string) {
      return db
        .selectFrom("household as h")
        .select([
          "h.id",
          "h.name",
          "h.kind",
          "h.city",
          "h.postal_code",
          "h.license_number",
          "h.capacity",
          "h.pref_age_min",
          "h.pref_age_max",
          "h.pref_sibling_groups",
          "h.pref_needs",
          "h.languages",
          "h.approval_type",
          "h.availability_confirmed_on",
        ])
        .where("h.site_id", "=", siteId)
        .where("h.kind", "!=", "facility")
        .where(stageSql, "=", "approved")
        .where("h.availability", "=", "available")
        .execute();
    },
    centroids(postalCodes: string[]) {
      if (postalCodes.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("postal_code_centroid")
        .select(["postal_code", "latitude", "longitude"])
        .where("postal_code", "in", postalCodes)
        .execute();
    },

    /** Open deadline tasks of a site due by `until` (overdue ones too), soonest first. */
    openTasks(siteId: string, until: string, limit: number) {
      return db
        .selectFrom("household_task as t")
        .innerJoin("household as h", "h.id", "t.household_id")
        .select(["t.id", "t.household_id", "h.name", "t.kind", "t.due_on"])
        .where("t.site_id", "=", siteId)
        .where("t.status", "=", "open")
        .where("t.due_on", "<=", until)
        .orderBy("t.due_on")
        .orderBy("t.id")
        .limit(limit)
        .execute();
    },
    async staleAvailability(siteId: string, before: string) {
      const row = await db
        .selectFrom("household as h")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("h.site_id", "=", siteId)
        .where("h.kind", "!=", "facility")
        .where(stageSql, "=", "approved")
        .where((eb) =>
          eb.or([eb("h.availability_confirmed_on", "is", null), eb("h.availability_confirmed_on", "<", before)]),
        )
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The dates and closure reason of every family home of a site, for retention figures (no contact fields). */
    retentionFacts(siteId: string) {
      return db
        .selectFrom("household as h")
        .select(["h.inquiry_on", "h.application_on", "h.approved_on", "h.closed_on", "h.closure_reason"])
        .where("h.site_id", "=", siteId)
        .where("h.kind", "!=", "facility")
        .execute();
    },

    closureReasons() {
      return db.selectFrom("household_closure_reason").selectAll().orderBy("sort_order").execute();
    },
    exitReasons() {
      return db.selectFrom("rfa_exit_reason").selectAll().orderBy("sort_order").execute();
    },
  };
}
