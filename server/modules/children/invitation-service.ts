import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import { type Actor, actorDay } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { accountsOfPersons, inviteUser } from "../identity/index.js";
import { childGate } from "./child-access.js";
import { invitationRepository } from "./invitation-repository.js";
import type { ChildInvitationCreate } from "./invitation-schema.js";
import { childrenRepository } from "./repository.js";

/**
 * Invitations from a child's page: the child's caregiver, birth parent or
 * youth is invited as the person already on the record, so their account
 * reaches this child. The path grants access, so it is checked as strictly
 * as a read: the inviter needs user:invite (else 403) and must read the child
 * (else 404), and the person must be on this child's record in that role
 * (else 404, whatever else the inviter may see). The identity module's own
 * grant check runs as well, and the check is made again inside the
 * invitation's transaction with its audit row.
 */
export function childInvitationService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);

  return {
    candidates(actor: Actor, childId: string) {
      requireAccess(actor, "user:invite");
      return withChild(actor, "child:read", childId, {}, async ({ trx, child, today, audit }) => {
        requireAccess(actor, "user:invite", { siteId: child.site_id });
        const people = await invitationRepository(trx).peopleOfRecord(childId, today);
        const accounts = await accountsOfPersons(
          trx,
          people.map((p) => p.id),
        );
        await audit({ action: "child.invitation.candidates" });
        return {
          people: people.map((p) => ({
            personId: p.id,
            name: `${p.given_name} ${p.family_name}`,
            role: p.role,
            email: p.email,
            language: p.preferred_language === "es" ? ("es" as const) : ("en" as const),
            account: (accounts.get(p.id) ?? null) as "invited" | "active" | "disabled" | null,
          })),
        };
      });
    },

    async invite(actor: Actor, childId: string, input: z.infer<typeof ChildInvitationCreate>) {
      requireAccess(actor, "user:invite");
      const siteId = await withChild(actor, "child:read", childId, {}, async ({ child }) => child.site_id);
      // Inside the invitation's transaction: the child is still in reach and the person still on its record.
      const guard = async (trx: Kysely<Database>) => {
        const child = await childrenRepository(trx).childFacts(actor, "child:read", childId, true);
        if (!child) throw new AppError("not_found");
        const people = await invitationRepository(trx).peopleOfRecord(childId, actorDay(actor, child.site_id));
        if (!people.some((p) => p.id === input.personId && p.role === input.role)) throw new AppError("not_found");
        await recordAudit(trx, actor, {
          action: "child.invitation.send",
          entityType: "child",
          entityId: childId,
          siteId: child.site_id,
          outcome: "success",
        });
      };
      return inviteUser(
        db,
        actor,
        siteId,
        { email: input.email, role: input.role, personId: input.personId, language: input.language },
        clock(),
        guard,
      );
    },
  };
}
