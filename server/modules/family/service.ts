import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import { inAccessTransaction } from "../../platform/access/access-transaction.js";
import type { Actor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { childGate } from "../children/index.js";
import { familyRepository } from "./repository.js";
import type { FamilyChildren, MyChild } from "./schema.js";

const rethrow = (error: unknown): never => {
  throw error;
};

/**
 * The birth parent's page about their own child. The access check comes first
 * (family:read, own scope: only their own child), every read is audited in the
 * same transaction, and what of the caregiver is shown comes from the children
 * module's disclosure (consent and court orders), never from a copy of it.
 */
export function familyService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  return {
    async children(actor: Actor): Promise<z.infer<typeof FamilyChildren>> {
      return inAccessTransaction(db, actor, "family:read", { mapError: rethrow }, async (trx) => {
        const rows = await familyRepository(trx).myChildren(actor);
        await recordAudit(trx, actor, {
          action: "family.children_list",
          entityType: "child",
          entityIds: rows.map((r) => r.id),
          outcome: "success",
        });
        return { children: rows.map((r) => ({ id: r.id, firstName: r.first_name })) };
      });
    },

    async myChild(actor: Actor, childId: string): Promise<z.infer<typeof MyChild>> {
      return withChild(actor, "family:read", childId, {}, async ({ trx, child, today, disclosure, audit }) => {
        const repo = familyRepository(trx);
        const disclosed = await disclosure();
        const [hearings, meetings, caseworker] = [
          await repo.upcomingHearings(child.id, today),
          await repo.familyMeetings(child.id),
          await repo.caseworker(child.id),
        ];
        const contact = disclosed.readable.has("caregiver_contact");
        const home = disclosed.home
          ? {
              // Under a court order the home is not named: the page says "the resource family".
              name: disclosed.courtOrderForbidsContact ? null : disclosed.home.householdName,
              ...(contact
                ? { city: disclosed.home.city, addressLine1: disclosed.home.addressLine1, phone: disclosed.home.phone }
                : {}),
            }
          : null;
        await audit({
          action: "family.my_child_read",
          fieldClasses: contact ? ["caregiver_contact"] : [],
        });
        return {
          id: child.id,
          firstName: child.given_name,
          home,
          hearings: hearings.map((h) => ({ on: String(h.hearing_on), type: h.hearing_type })),
          meetings: meetings.map((m) => ({
            id: m.id,
            practice: m.practice as "icebreaker" | "cft_meeting" | "sibling_visit",
            status: m.status,
            dueOn: m.due_on ? String(m.due_on) : m.due_at ? m.due_at.toISOString().slice(0, 10) : null,
            completedOn: m.completed_at ? m.completed_at.toISOString().slice(0, 10) : null,
            scheduledFor: typeof m.content?.scheduledFor === "string" ? m.content.scheduledFor : null,
          })),
          caseworker: caseworker
            ? {
                name: `${caseworker.given_name} ${caseworker.family_name}`,
                email: caseworker.email,
                phone: caseworker.phone,
              }
            : null,
          // SLOT (lead, at merge): the caregiver module's sharedLifeBookItemsForBirthParent(...) fills this list.
          sharedItems: [],
        };
      });
    },
  };
}
