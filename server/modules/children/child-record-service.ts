import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { zonedDay } from "../../platform/rules/zoned-time.js";
import type { ChildCreate, ChildUpdate, RelationAdd } from "./child-record-schema.js";
import { mapDatabaseError } from "./database-errors.js";
import { placementRepository } from "./placement-repository.js";

type ChildFields = Omit<z.infer<typeof ChildUpdate>, "version">;

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    mapDatabaseError(error);
  }
}

async function recordOf(db: Kysely<Database>, childId: string) {
  const row = await db
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
  return {
    id: row.id,
    siteId: row.site_id,
    caseNumber: row.case_number,
    version: row.version,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    birthDate: row.birth_date!,
    sex: (row.sex ?? "unknown") as ChildFields["sex"],
    languages: row.languages,
    icwa: row.icwa,
    tribalAffiliation: row.tribal_affiliation,
    school: row.school,
    schoolOfOrigin: row.school_of_origin,
  };
}

const personValues = (f: ChildFields) => ({
  given_name: f.givenName,
  family_name: f.familyName,
  preferred_name: f.preferredName,
  birth_date: f.birthDate,
  sex: f.sex,
});
const childValues = (f: ChildFields) => ({
  languages: f.languages,
  icwa: f.icwa,
  tribal_affiliation: f.tribalAffiliation,
  school: f.school,
  school_of_origin: f.schoolOfOrigin,
});

/** The child's own record: intake, corrections (with version), and the people linked to the child. */
export function childRecordService(db: Kysely<Database>) {
  return {
    async create(actor: Actor, input: z.infer<typeof ChildCreate>) {
      requireAccess(actor, "child:write", { siteId: input.siteId });
      return guarded(() =>
        db.transaction().execute(async (trx) => {
          const site = await trx
            .selectFrom("site")
            .select("time_zone")
            .where("id", "=", input.siteId)
            .executeTakeFirstOrThrow();
          const duplicate = await trx
            .selectFrom("child")
            .select("id")
            .where("site_id", "=", input.siteId)
            .where("case_number", "=", input.caseNumber)
            .executeTakeFirst();
          if (duplicate)
            throw new AppError("conflict", "practice.child.case_number_taken", { caseNumber: input.caseNumber });
          const person = await trx
            .insertInto("person")
            .values({
              site_id: input.siteId,
              ...personValues(input),
              email: null,
              phone: null,
              address_line1: null,
              city: null,
              postal_code: null,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          const child = await trx
            .insertInto("child")
            .values({
              person_id: person.id,
              site_id: input.siteId,
              case_number: input.caseNumber,
              ...childValues(input),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          // The worker who records the intake is on the child's team from today, so the child is theirs to work with.
          await trx
            .insertInto("child_team_member")
            .values({
              child_id: child.id,
              person_id: actor.personId,
              role: actor.grants.some((g) => g.role === "supervisor" && g.siteId === input.siteId)
                ? "supervisor"
                : "caseworker",
              starts_on: zonedDay(new Date(), site.time_zone),
              ends_on: null,
            })
            .execute();
          await recordAudit(trx, actor, {
            action: "child.create",
            entityType: "child",
            entityId: child.id,
            siteId: input.siteId,
            fieldClasses: ["identity"],
            outcome: "success",
          });
          return recordOf(trx, child.id);
        }),
      );
    },

    async update(actor: Actor, childId: string, input: z.infer<typeof ChildUpdate>) {
      requireAccess(actor, "child:write");
      return guarded(() =>
        db.transaction().execute(async (trx) => {
          const child = await placementRepository(trx).childFor(actor, "child:write", childId, true);
          if (!child) throw new AppError("not_found");
          const current = await trx
            .selectFrom("child")
            .select(["version", "person_id"])
            .where("id", "=", childId)
            .executeTakeFirstOrThrow();
          if (current.version !== input.version) throw new AppError("conflict", "error.conflict");
          await trx
            .updateTable("person")
            .set((eb) => ({ ...personValues(input), version: eb("version", "+", 1) }))
            .where("id", "=", current.person_id)
            .execute();
          await trx
            .updateTable("child")
            .set((eb) => ({ ...childValues(input), version: eb("version", "+", 1) }))
            .where("id", "=", childId)
            .execute();
          await recordAudit(trx, actor, {
            action: "child.update",
            entityType: "child",
            entityId: childId,
            siteId: child.site_id,
            fieldClasses: ["identity"],
            outcome: "success",
          });
          return recordOf(trx, childId);
        }),
      );
    },

    /** Links a person; a sibling link is made both ways, so sibling groups stay derived from relations. */
    async addRelation(actor: Actor, childId: string, input: z.infer<typeof RelationAdd>) {
      requireAccess(actor, "child:write");
      return guarded(() =>
        db.transaction().execute(async (trx) => {
          const child = await placementRepository(trx).childFor(actor, "child:write", childId, true);
          if (!child) throw new AppError("not_found");
          let personId = input.personId;
          if (personId) {
            const known = await trx
              .selectFrom("person")
              .select("id")
              .where("id", "=", personId)
              .where("site_id", "=", child.site_id)
              .executeTakeFirst();
            if (!known)
              throw new AppError("validation", "error.validation", {}, [
                { field: "personId", messageKey: "practice.team.unknown_person" },
              ]);
          } else {
            personId = (
              await trx
                .insertInto("person")
                .values({
                  site_id: child.site_id,
                  given_name: input.person!.givenName,
                  family_name: input.person!.familyName,
                  preferred_name: null,
                  birth_date: null,
                  sex: null,
                  email: null,
                  phone: input.person!.phone ?? null,
                  address_line1: null,
                  city: null,
                  postal_code: null,
                })
                .returning("id")
                .executeTakeFirstOrThrow()
            ).id;
          }
          const ownPerson = await trx
            .selectFrom("child")
            .select("person_id")
            .where("id", "=", childId)
            .executeTakeFirstOrThrow();
          if (personId === ownPerson.person_id)
            throw new AppError("validation", "error.validation", {}, [
              { field: "personId", messageKey: "validation.custom" },
            ]);
          const exists = await trx
            .selectFrom("child_relation")
            .select("id")
            .where("child_id", "=", childId)
            .where("person_id", "=", personId)
            .where("kind", "=", input.kind)
            .executeTakeFirst();
          if (exists) throw new AppError("conflict", "practice.child.relation_exists");
          await trx
            .insertInto("child_relation")
            .values({ child_id: childId, person_id: personId, kind: input.kind })
            .execute();
          if (input.kind.startsWith("sibling_")) {
            const sibling = await trx
              .selectFrom("child")
              .select("id")
              .where("person_id", "=", personId)
              .executeTakeFirst();
            if (sibling)
              await trx
                .insertInto("child_relation")
                .values({ child_id: sibling.id, person_id: ownPerson.person_id, kind: input.kind })
                .onConflict((oc) => oc.doNothing())
                .execute();
          }
          await recordAudit(trx, actor, {
            action: "child.relation.add",
            entityType: "child",
            entityId: childId,
            siteId: child.site_id,
            fieldClasses: ["identity"],
            outcome: "success",
          });
          return { personId, kind: input.kind };
        }),
      );
    },
  };
}
