import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";

export function networkRepository(db: Kysely<Database>) {
  const siteColumns = [
    "site.id",
    "site.code",
    "site.name",
    "site.state_code",
    "network_state.name as state_name",
    "site.kind",
    "site.time_zone",
    "site.qpi_launch_date",
  ] as const;

  return {
    /** Facts other modules need about the sites named: the caller has already scoped `siteIds`. */
    async siteFacts(siteIds: string[]) {
      if (siteIds.length === 0) return [];
      return db
        .selectFrom("site")
        .select(["id", "code", "name", "state_code", "qpi_launch_date", "time_zone"])
        .where("id", "in", siteIds)
        .execute();
    },

    /** Sites among `siteIds` — the caller passes the actor's scope, never "all". */
    async sitesIn(siteIds: string[]) {
      if (siteIds.length === 0) return [];
      return db
        .selectFrom("site")
        .innerJoin("network_state", "network_state.code", "site.state_code")
        .select(siteColumns)
        .where("site.id", "in", siteIds)
        .orderBy("site.name")
        .execute();
    },

    async unitsOf(siteId: string) {
      return db
        .selectFrom("unit")
        .leftJoin("role_grant", (j) =>
          j.onRef("role_grant.unit_id", "=", "unit.id").on("role_grant.ends_on", "is", null),
        )
        .select((eb) => [
          "unit.id",
          "unit.name",
          "unit.kind",
          "unit.parent_unit_id",
          eb.fn.count<number>("role_grant.id").as("staff_count"),
        ])
        .where("unit.site_id", "=", siteId)
        .groupBy("unit.id")
        .orderBy("unit.name")
        .execute();
    },

    async staffByRole(siteId: string) {
      return db
        .selectFrom("role_grant")
        .innerJoin("role", "role.code", "role_grant.role_code")
        .select((eb) => ["role_grant.role_code", eb.fn.count<number>("role_grant.id").as("count")])
        .where("role_grant.site_id", "=", siteId)
        .where("role.kind", "=", "staff")
        .where("role_grant.ends_on", "is", null)
        .groupBy("role_grant.role_code")
        .orderBy("role_grant.role_code")
        .execute();
    },

    // ---- people and places, for other modules (who check access themselves) ----

    async personById(personId: string) {
      return db
        .selectFrom("person")
        .select(["id", "site_id", "given_name", "family_name", "email"])
        .where("id", "=", personId)
        .executeTakeFirst();
    },

    async insertPerson(values: {
      site_id: string;
      given_name: string;
      family_name: string;
      email: string;
      preferred_language: string;
    }) {
      const row = await db.insertInto("person").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    async personNames(personIds: string[]) {
      if (personIds.length === 0) return [];
      return db
        .selectFrom("person")
        .select(["id", "given_name", "family_name"])
        .where("id", "in", [...new Set(personIds)])
        .execute();
    },

    async allSiteIds() {
      return (await db.selectFrom("site").select("id").orderBy("id").execute()).map((s) => s.id);
    },

    async siteIdByCode(code: string) {
      return (await db.selectFrom("site").select("id").where("code", "=", code).executeTakeFirst())?.id;
    },

    async siteById(siteId: string) {
      return db.selectFrom("site").select(["id", "name"]).where("id", "=", siteId).executeTakeFirst();
    },

    async siteByCode(code: string) {
      return db.selectFrom("site").select(["id", "name", "time_zone"]).where("code", "=", code).executeTakeFirst();
    },

    async unitByName(siteId: string, name: string) {
      return db
        .selectFrom("unit")
        .select("id")
        .where("site_id", "=", siteId)
        .where("name", "=", name)
        .executeTakeFirst();
    },
  };
}
