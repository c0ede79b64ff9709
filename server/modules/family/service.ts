import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import { inAccessTransaction } from "../../platform/access/access-transaction.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { sharedLifeBookItemsForBirthParent, sharedLifeBookPhotoForBirthParent } from "../caregiver/index.js";
import { childGate } from "../children/index.js";
import { familyRepository, youthRepository } from "./repository.js";
import type { FamilyChildren, MyChild, YouthPage } from "./schema.js";
import "./youth-tables.js";

/** Whole years from a birth date to a day ("YYYY-MM-DD"). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split("-").map(Number);
  const [y, m, d] = day.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

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
      const page = await withChild(
        actor,
        "family:read",
        childId,
        {},
        async ({ trx, child, today, disclosure, audit }) => {
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
                  ? {
                      city: disclosed.home.city,
                      addressLine1: disclosed.home.addressLine1,
                      phone: disclosed.home.phone,
                    }
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
          };
        },
      );
      // What the caregiver chose to share from the child's life book, through the caregiver module's own gate and
      // disclosure rules (nothing while a court order keeps the home from the parents); audited there.
      const shared = await sharedLifeBookItemsForBirthParent(db, actor, childId, {
        now: clock,
        photoBase: `/api/family/children/${childId}/life-book`,
      });
      return { ...page, sharedItems: shared.items };
    },

    /** A shared life-book photo's bytes for the birth parent (404 unless shared and disclosed). */
    sharedPhoto(actor: Actor, childId: string, itemId: string) {
      // The family page's permission first (403 for everyone else), then the caregiver module's own checks.
      requireAccess(actor, "family:read");
      return sharedLifeBookPhotoForBirthParent(db, actor, childId, itemId, { now: clock });
    },

    /**
     * The youth's own page (youth:read, own scope: only themself). Opens from the age the state's rule set says;
     * below it, or without a rule in force, it answers `open: false` and nothing else.
     */
    async youthPage(actor: Actor): Promise<z.infer<typeof YouthPage>> {
      const own = await inAccessTransaction(db, actor, "youth:read", { mapError: rethrow }, (trx) =>
        youthRepository(trx).ownChild(actor),
      );
      if (!own) throw new AppError("not_found");
      return withChild(actor, "youth:read", own.id, {}, async ({ trx, child, today, disclosure, audit }) => {
        const repo = youthRepository(trx);
        const rule = await repo.ruleInForce(child.state_code, today);
        const person = await repo.birthDate(child.id);
        const age = person.birth_date ? ageOn(String(person.birth_date), today) : null;
        await audit({ action: "family.youth_page_read", fieldClasses: [] });
        const closed = {
          open: false,
          minAge: rule?.min_age ?? null,
          firstName: person.first_name,
          team: [],
          hearings: [],
          home: null,
          rights: null,
        };
        if (!rule || age === null || age < rule.min_age) return closed;
        const [team, hearings, disclosed] = [
          await repo.team(child.id),
          await familyRepository(trx).upcomingHearings(child.id, today),
          await disclosure(),
        ];
        return {
          open: true,
          minAge: rule.min_age,
          firstName: person.first_name,
          team: team.map((m) => ({
            role: m.role,
            name: `${m.given_name} ${m.family_name}`,
            email: m.email,
            phone: m.phone,
          })),
          hearings: hearings.map((h) => ({ on: String(h.hearing_on), type: h.hearing_type })),
          home: disclosed.home ? { name: disclosed.home.householdName, city: disclosed.home.city } : null,
          rights: {
            items: actor.locale === "es" ? rule.rights_es : rule.rights_en,
            sourceTitle: rule.source_title,
            sourceUrl: rule.source_url,
          },
        };
      });
    },
  };
}
