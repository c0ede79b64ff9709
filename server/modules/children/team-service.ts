import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { addCalendarDays } from "../../platform/rules/zoned-time.js";
import { activeSiteStaffWithRole, usersByIds } from "../identity/index.js";
import { childGate } from "./child-access.js";
import { childRecordRepository } from "./child-record-repository.js";
import { checkTeamStart } from "./date-bounds.js";
import { teamRepository } from "./team-repository.js";
import type { CaseworkerHandover, HandoverView, TeamMemberAdd, TeamMemberEnd } from "./team-schema.js";

/** A handover is recorded on its day or up to this many days after (a worker catching up on the record). */
const HANDOVER_BACKDATE_DAYS = 30;

const invalid = (field: string, messageKey: string, params: Record<string, string> = {}) =>
  new AppError("validation", "error.validation", {}, [{ field, messageKey, params }]);

async function handoversOf(db: Kysely<Database>, childId: string): Promise<z.infer<typeof HandoverView>[]> {
  const team = teamRepository(db);
  const rows = await team.handovers(childId);
  const taskIds = rows.flatMap((r) => r.task_ids as unknown as string[]);
  const [practices, users] = [
    await team.practicesOf(taskIds),
    await usersByIds(
      db,
      rows.map((r) => r.created_by),
    ),
  ];
  return rows.map((r) => ({
    id: r.id,
    handedOverOn: r.handed_over_on,
    fromName: `${r.from_given} ${r.from_family}`,
    toName: `${r.to_given} ${r.to_family}`,
    reason: r.reason,
    tasks: (r.task_ids as unknown as string[]).map((id) => ({ id, practice: practices.get(id) ?? "" })),
    recordedByName: users.get(r.created_by)?.name ?? null,
    recordedAt: new Date(r.created_at).toISOString(),
  }));
}

/** The child's team with dates: caseworker, supervisor, CASA / guardian ad litem, attorney, education rights holder. */
export function teamService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  const write = { lock: true };

  return {
    /** The team, current and past, with phones and emails, and the caseworker handovers. */
    list(actor: Actor, childId: string) {
      return withChild(actor, "child:read", childId, {}, async ({ trx, audit }) => {
        const rows = await teamRepository(trx).members(childId);
        const handovers = await handoversOf(trx, childId);
        await audit({ action: "team.list" });
        return {
          members: rows.map((m) => ({
            id: m.id,
            personId: m.person_id,
            role: m.role,
            startsOn: m.starts_on,
            endsOn: m.ends_on,
            name: `${m.given_name} ${m.family_name}`,
            email: m.email,
            phone: m.phone,
          })),
          handovers,
        };
      });
    },

    /** The caseworkers of the child's site, for a handover (the current one marked). */
    caseworkers(actor: Actor, childId: string) {
      return withChild(actor, "child:write", childId, {}, async ({ trx, child, today }) => {
        const current = await teamRepository(trx).members(childId);
        const now = new Set(current.filter((m) => m.role === "caseworker" && !m.ends_on).map((m) => m.person_id));
        const staff = await activeSiteStaffWithRole(trx, child.site_id, "caseworker", today);
        return { caseworkers: staff.map((s) => ({ ...s, current: now.has(s.personId) })) };
      });
    },

    /**
     * Replaces the child's caseworker: the current membership ends the day
     * before the handover (the same day if it began that day), the new one
     * starts on it, and the child's open tasks follow — they sit on the
     * caseworker's worklist through the team, their reminders restart for the
     * new worker, and the handover row names them for the history.
     */
    handover(actor: Actor, childId: string, input: z.infer<typeof CaseworkerHandover>) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, today, audit }) => {
        const team = teamRepository(trx);
        const from = await team.lockOpenCaseworker(childId);
        if (!from) throw new AppError("conflict", "practice.team.no_caseworker");
        if (from.person_id === input.caseworkerPersonId)
          throw invalid("caseworkerPersonId", "practice.team.same_caseworker");
        const staff = await activeSiteStaffWithRole(trx, child.site_id, "caseworker", today);
        if (!staff.some((s) => s.personId === input.caseworkerPersonId))
          throw invalid("caseworkerPersonId", "practice.team.not_a_caseworker");
        const earliest = addCalendarDays(today, -HANDOVER_BACKDATE_DAYS);
        if (input.handoverOn > today) throw invalid("handoverOn", "practice.team.handover_future", { today });
        if (input.handoverOn < earliest || input.handoverOn < from.starts_on)
          throw invalid("handoverOn", "practice.team.handover_too_early", {
            earliest: earliest > from.starts_on ? earliest : from.starts_on,
          });
        const lastDay = input.handoverOn > from.starts_on ? addCalendarDays(input.handoverOn, -1) : input.handoverOn;
        await team.endMember(from.id, lastDay);
        const to = await team.insertMember({
          child_id: childId,
          person_id: input.caseworkerPersonId,
          role: "caseworker",
          starts_on: input.handoverOn,
          ends_on: null,
        });
        const tasks = await team.lockOpenTasks(childId);
        const taskIds = tasks.map((t) => t.id);
        await team.restartReminders(taskIds);
        const handoverId = await team.insertHandover({
          child_id: childId,
          site_id: child.site_id,
          from_member_id: from.id,
          to_member_id: to.id,
          handed_over_on: input.handoverOn,
          reason: input.reason,
          task_ids: JSON.stringify(taskIds),
          created_by: actor.userId,
        });
        await audit({ action: "team.end", entityType: "child_team_member", entityId: from.id });
        await audit({ action: "team.add", entityType: "child_team_member", entityId: to.id });
        await audit({ action: "team.handover", purpose: input.reason });
        const handover = (await handoversOf(trx, childId)).find((h) => h.id === handoverId)!;
        return { handover, movedTaskIds: taskIds };
      });
    },

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
