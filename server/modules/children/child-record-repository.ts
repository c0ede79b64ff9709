import type { Insertable, Kysely } from "kysely";
import type { ChildRelationKind, ChildTable, Database, PersonTable } from "../../db/database.js";
import "./tables.js";

type PersonValues = Omit<Insertable<PersonTable>, "site_id">;

const noContact = { email: null, phone: null, address_line1: null, city: null, postal_code: null };

/** The child's own record and the people linked to it; the child-access gate has already scoped the child. */
export function childRecordRepository(db: Kysely<Database>) {
  return {
    async siteTimeZone(siteId: string) {
      const site = await db.selectFrom("site").select("time_zone").where("id", "=", siteId).executeTakeFirstOrThrow();
      return site.time_zone;
    },

    async caseNumberTaken(siteId: string, caseNumber: string) {
      const row = await db
        .selectFrom("child")
        .select("id")
        .where("site_id", "=", siteId)
        .where("case_number", "=", caseNumber)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** A person of the site; contact details left empty unless given. */
    async insertPerson(siteId: string, values: PersonValues) {
      const row = await db
        .insertInto("person")
        .values({ ...noContact, ...values, site_id: siteId })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async personAtSite(siteId: string, personId: string) {
      const row = await db
        .selectFrom("person")
        .select("id")
        .where("id", "=", personId)
        .where("site_id", "=", siteId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async insertChild(values: Insertable<ChildTable>) {
      const row = await db.insertInto("child").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    async updatePerson(personId: string, values: Partial<PersonValues>) {
      await db
        .updateTable("person")
        .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
        .where("id", "=", personId)
        .execute();
    },

    async updateChild(childId: string, values: Partial<Insertable<ChildTable>>) {
      await db
        .updateTable("child")
        .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
        .where("id", "=", childId)
        .execute();
    },

    record(childId: string) {
      return db
        .selectFrom("child")
        .innerJoin("person", "person.id", "child.person_id")
        .select([
          "child.id",
          "child.site_id",
          "child.case_number",
          "child.version",
          "child.languages",
          "child.icwa",
          "child.tribal_affiliation",
          "child.school",
          "child.school_of_origin",
          "person.given_name",
          "person.family_name",
          "person.preferred_name",
          "person.birth_date",
          "person.sex",
        ])
        .where("child.id", "=", childId)
        .executeTakeFirstOrThrow();
    },

    async relationExists(childId: string, personId: string, kind: ChildRelationKind) {
      const row = await db
        .selectFrom("child_relation")
        .select("id")
        .where("child_id", "=", childId)
        .where("person_id", "=", personId)
        .where("kind", "=", kind)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Links a person to a child; `mirror` links both ways (siblings) and tolerates an existing link. */
    async insertRelation(childId: string, personId: string, kind: ChildRelationKind, mirror = false) {
      let q = db.insertInto("child_relation").values({ child_id: childId, person_id: personId, kind: kind });
      if (mirror) q = q.onConflict((oc) => oc.doNothing());
      await q.execute();
    },

    /** The child whose own person this is, if the person is a child of the agency. */
    async childOfPerson(personId: string) {
      const row = await db.selectFrom("child").select("id").where("person_id", "=", personId).executeTakeFirst();
      return row?.id;
    },

    /** The maltreatment reports of the child's case record, newest first. */
    maltreatmentReports(childId: string) {
      return db
        .selectFrom("maltreatment_report")
        .select(["id", "received_on", "incident_on", "allegation", "disposition", "reporter_name", "reporter_role"])
        .where("child_id", "=", childId)
        .orderBy("received_on", "desc")
        .execute();
    },

    /** The ids of the parts of the child's case that services audit under their own ids. */
    async caseRecordIds(childId: string) {
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
      const [episodes, placements, team, hearings, tasks, reports] = await Promise.all([
        db.selectFrom("removal_episode").select("id").where("child_id", "=", childId).execute(),
        db.selectFrom("placement").select("id").where("child_id", "=", childId).execute(),
        db.selectFrom("child_team_member").select("id").where("child_id", "=", childId).execute(),
        db.selectFrom("court_hearing").select("id").where("child_id", "=", childId).execute(),
        db.selectFrom("practice_task").select("id").where("child_id", "=", childId).execute(),
        db.selectFrom("caregiver_report").select("id").where("child_id", "=", childId).execute(),
      ]);
      return {
        episodes: ids(episodes),
        placements: ids(placements),
        team: ids(team),
        hearings: ids(hearings),
        tasks: ids(tasks),
        reports: ids(reports),
      };
    },
  };
}
