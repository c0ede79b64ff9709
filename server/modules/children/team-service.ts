import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { mapDatabaseError } from "./database-errors.js";
import { placementRepository } from "./placement-repository.js";
import type { TeamMemberAdd, TeamMemberEnd } from "./team-schema.js";

/** The child's team with dates: caseworker, supervisor, CASA / guardian ad litem, attorney, education rights holder. */
export function teamService(db: Kysely<Database>) {
  async function onChild<T>(
    actor: Actor,
    childId: string,
    work: (trx: Transaction<Database>, siteId: string) => Promise<T>,
  ) {
    requireAccess(actor, "child:write");
    try {
      return await db.transaction().execute(async (trx) => {
        const child = await placementRepository(trx).childFor(actor, "child:write", childId, true);
        if (!child) throw new AppError("not_found");
        return work(trx, child.site_id);
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      mapDatabaseError(error);
    }
  }

  return {
    add(actor: Actor, childId: string, input: z.infer<typeof TeamMemberAdd>) {
      return onChild(actor, childId, async (trx, siteId) => {
        let personId = input.personId;
        if (personId) {
          const person = await trx
            .selectFrom("person")
            .select("id")
            .where("id", "=", personId)
            .where("site_id", "=", siteId)
            .executeTakeFirst();
          if (!person)
            throw new AppError("validation", "error.validation", {}, [
              { field: "personId", messageKey: "practice.team.unknown_person" },
            ]);
        } else {
          const p = input.person!;
          const created = await trx
            .insertInto("person")
            .values({
              site_id: siteId,
              given_name: p.givenName,
              family_name: p.familyName,
              preferred_name: null,
              birth_date: null,
              sex: null,
              email: p.email ?? null,
              phone: p.phone ?? null,
              address_line1: null,
              city: null,
              postal_code: null,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          personId = created.id;
        }
        const open = await trx
          .selectFrom("child_team_member")
          .select("id")
          .where("child_id", "=", childId)
          .where("person_id", "=", personId)
          .where("role", "=", input.role)
          .where("ends_on", "is", null)
          .executeTakeFirst();
        if (open) throw new AppError("conflict", "practice.team.already_member");
        const member = await trx
          .insertInto("child_team_member")
          .values({
            child_id: childId,
            person_id: personId,
            role: input.role,
            starts_on: input.startsOn,
            ends_on: null,
          })
          .returning(["id", "person_id", "role", "starts_on", "ends_on"])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "team.add",
          entityType: "child_team_member",
          entityId: member.id,
          siteId,
          outcome: "success",
        });
        return {
          id: member.id,
          personId: member.person_id,
          role: member.role,
          startsOn: member.starts_on,
          endsOn: member.ends_on,
        };
      });
    },

    end(actor: Actor, childId: string, memberId: string, input: z.infer<typeof TeamMemberEnd>) {
      return onChild(actor, childId, async (trx, siteId) => {
        const member = await trx
          .selectFrom("child_team_member")
          .selectAll()
          .where("id", "=", memberId)
          .where("child_id", "=", childId)
          .forUpdate()
          .executeTakeFirst();
        if (!member) throw new AppError("not_found");
        if (member.ends_on) throw new AppError("conflict", "practice.team.already_ended");
        if (input.endsOn < member.starts_on)
          throw new AppError("validation", "error.validation", {}, [
            { field: "endsOn", messageKey: "validation.date_order", params: { other: member.starts_on } },
          ]);
        await trx.updateTable("child_team_member").set({ ends_on: input.endsOn }).where("id", "=", memberId).execute();
        await recordAudit(trx, actor, {
          action: "team.end",
          entityType: "child_team_member",
          entityId: memberId,
          siteId,
          outcome: "success",
        });
        return {
          id: member.id,
          personId: member.person_id,
          role: member.role,
          startsOn: member.starts_on,
          endsOn: input.endsOn,
        };
      });
    },
  };
}
