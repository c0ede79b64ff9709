import type { Transaction } from "kysely";
import "./tables.js";
import type { Database } from "../../db/database.js";

/** All SQL of the partnership plan; callers reach a child only through the children module's gate first. */
export function partnershipRepository(db: Transaction<Database>) {
  return {
    /** The child's placement in force on `day` (a planned move not yet started is not it). */
    placementOn(childId: string, day: string) {
      return db
        .selectFrom("placement")
        .select(["id", "household_id", "start_date"])
        .where("child_id", "=", childId)
        .where("start_date", "<=", day)
        .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">", day)]))
        .executeTakeFirst();
    },

    /** The newest version in force on `day`: the site's own plan before the state's. */
    templateInForce(stateCode: string, siteId: string, day: string) {
      return db
        .selectFrom("partnership_template")
        .selectAll()
        .where("state_code", "=", stateCode)
        .where((eb) => eb.or([eb("site_id", "=", siteId), eb("site_id", "is", null)]))
        .where("effective_from", "<=", day)
        .orderBy((eb) => eb.case().when("site_id", "is", null).then(1).else(0).end())
        .orderBy("version", "desc")
        .limit(1)
        .executeTakeFirst();
    },

    template(id: string) {
      return db.selectFrom("partnership_template").selectAll().where("id", "=", id).executeTakeFirst();
    },

    signatures(placementId: string) {
      return db
        .selectFrom("partnership_signature as s")
        .innerJoin("user_account as u", "u.id", "s.signer_user_id")
        .innerJoin("person as p", "p.id", "u.person_id")
        .select([
          "s.party",
          "s.template_id",
          "s.typed_name",
          "s.text_sha256",
          "s.signed_at",
          "s.signer_user_id",
          "p.given_name",
          "p.family_name",
        ])
        .where("s.placement_id", "=", placementId)
        .orderBy("s.signed_at")
        .execute();
    },

    insertSignature(values: {
      child_id: string;
      site_id: string;
      placement_id: string;
      template_id: string;
      party: "caregiver" | "agency";
      signer_user_id: string;
      typed_name: string;
      text_sha256: string;
      signed_at: Date;
    }) {
      return db.insertInto("partnership_signature").values(values).returning("id").executeTakeFirstOrThrow();
    },
  };
}
