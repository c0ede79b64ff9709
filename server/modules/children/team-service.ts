import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { childGate } from "./child-access.js";
import { childRecordRepository } from "./child-record-repository.js";
import { checkTeamStart } from "./date-bounds.js";
import { teamRepository } from "./team-repository.js";
import type { TeamMemberAdd, TeamMemberEnd } from "./team-schema.js";

/** The child's team with dates: caseworker, supervisor, CASA / guardian ad litem, attorney, education rights holder. */
export function teamService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  const write = { lock: true };

  return {
    add(actor: Actor, childId: string, input: z.infer<typeof TeamMemberAdd>) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, today, audit }) => {
        const people = childRecordRepository(trx);
        checkTeamStart(input.startsOn, (await people.record(childId)).birth_date, today, input.confirmUnusualDate);
        let personId = input.personId;
        if (personId) {
          if (!(await people.personAtSite(child.site_id, personId)))
            throw new AppError("validation", "error.validation", {}, [
              { field: "personId", messageKey: "practice.team.unknown_person" },
            ]);
        } else {
          const p = input.person!;
          personId = await people.insertPerson(child.site_id, {
            given_name: p.givenName,
            family_name: p.familyName,
            preferred_name: null,
            birth_date: null,
            sex: null,
            email: p.email ?? null,
            phone: p.phone ?? null,
          });
        }
        const team = teamRepository(trx);
        if (await team.openMembership(childId, personId, input.role))
          throw new AppError("conflict", "practice.team.already_member");
        const member = await team.insertMember({
          child_id: childId,
          person_id: personId,
          role: input.role,
          starts_on: input.startsOn,
          ends_on: null,
        });
        await audit({ action: "team.add", entityType: "child_team_member", entityId: member.id });
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
      return withChild(actor, "child:write", childId, write, async ({ trx, audit }) => {
        const team = teamRepository(trx);
        const member = await team.lockMember(childId, memberId);
        if (!member) throw new AppError("not_found");
        if (member.ends_on) throw new AppError("conflict", "practice.team.already_ended");
        if (input.endsOn < member.starts_on)
          throw new AppError("validation", "error.validation", {}, [
            { field: "endsOn", messageKey: "validation.date_order", params: { other: member.starts_on } },
          ]);
        await team.endMember(memberId, input.endsOn);
        await audit({ action: "team.end", entityType: "child_team_member", entityId: memberId });
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
