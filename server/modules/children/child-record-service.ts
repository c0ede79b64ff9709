import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import { inAccessTransaction } from "../../platform/access/access-transaction.js";
import type { Actor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { zonedDay } from "../../platform/rules/zoned-time.js";
import { childGate } from "./child-access.js";
import { childRecordRepository } from "./child-record-repository.js";
import type { ChildCreate, ChildUpdate, RelationAdd } from "./child-record-schema.js";
import { mapDatabaseError } from "./database-errors.js";
import { teamRepository } from "./team-repository.js";

type ChildFields = Omit<z.infer<typeof ChildUpdate>, "version">;

type RecordRow = Awaited<ReturnType<ReturnType<typeof childRecordRepository>["record"]>>;

function toRecord(row: RecordRow) {
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
export function childRecordService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  const write = { lock: true, fieldClasses: ["identity"] };
  return {
    async create(actor: Actor, input: z.infer<typeof ChildCreate>) {
      const site = { siteId: input.siteId };
      return inAccessTransaction(
        db,
        actor,
        "child:write",
        { site, mapError: (e) => mapDatabaseError(e) },
        async (trx) => {
          const repo = childRecordRepository(trx);
          const today = zonedDay(clock(), await repo.siteTimeZone(input.siteId));
          if (await repo.caseNumberTaken(input.siteId, input.caseNumber))
            throw new AppError("conflict", "practice.child.case_number_taken", { caseNumber: input.caseNumber });
          const personId = await repo.insertPerson(input.siteId, personValues(input));
          const childId = await repo.insertChild({
            person_id: personId,
            site_id: input.siteId,
            case_number: input.caseNumber,
            ...childValues(input),
          });
          // The worker who records the intake is on the child's team from today, so the child is theirs to work with.
          const supervises = actor.grants.some((g) => g.role === "supervisor" && g.siteId === input.siteId);
          await teamRepository(trx).insertMember({
            child_id: childId,
            person_id: actor.personId,
            role: supervises ? "supervisor" : "caseworker",
            starts_on: today,
            ends_on: null,
          });
          await recordAudit(trx, actor, {
            action: "child.create",
            entityType: "child",
            entityId: childId,
            siteId: input.siteId,
            fieldClasses: ["identity"],
            outcome: "success",
          });
          return toRecord(await repo.record(childId));
        },
      );
    },

    async update(actor: Actor, childId: string, input: z.infer<typeof ChildUpdate>) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, audit }) => {
        if (child.version !== input.version) throw new AppError("conflict", "error.conflict");
        const repo = childRecordRepository(trx);
        await repo.updatePerson(child.person_id, personValues(input));
        await repo.updateChild(childId, childValues(input));
        await audit({ action: "child.update" });
        return toRecord(await repo.record(childId));
      });
    },

    /** Links a person; a sibling link is made both ways, so sibling groups stay derived from relations. */
    async addRelation(actor: Actor, childId: string, input: z.infer<typeof RelationAdd>) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, audit }) => {
        const repo = childRecordRepository(trx);
        let personId = input.personId;
        if (personId) {
          if (!(await repo.personAtSite(child.site_id, personId)))
            throw new AppError("validation", "error.validation", {}, [
              { field: "personId", messageKey: "practice.team.unknown_person" },
            ]);
        } else {
          personId = await repo.insertPerson(child.site_id, {
            given_name: input.person!.givenName,
            family_name: input.person!.familyName,
            preferred_name: null,
            birth_date: null,
            sex: null,
            phone: input.person!.phone ?? null,
          });
        }
        if (personId === child.person_id)
          throw new AppError("validation", "error.validation", {}, [
            { field: "personId", messageKey: "validation.custom" },
          ]);
        if (await repo.relationExists(childId, personId, input.kind))
          throw new AppError("conflict", "practice.child.relation_exists");
        await repo.insertRelation(childId, personId, input.kind);
        if (input.kind.startsWith("sibling_")) {
          const sibling = await repo.childOfPerson(personId);
          if (sibling) await repo.insertRelation(sibling, child.person_id, input.kind, true);
        }
        await audit({ action: "child.relation.add" });
        return { personId, kind: input.kind };
      });
    },
  };
}
