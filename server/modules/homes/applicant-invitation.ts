import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, invalid } from "../../platform/errors/app-error.js";
import { inviteUser } from "../identity/index.js";
import { networkDirectory } from "../network/index.js";
import { homesRepository } from "./repository.js";
import { householdGate } from "./service.js";

const ENDED = ["withdrawn", "denied", "closed"];

export const ApplicantInvitationCreate = z
  .object({
    /** The applicant or co-applicant on the household record who gets the account. */
    residentId: z.uuid(),
    email: z.email().max(254),
    language: z.enum(["en", "es"]).default("en"),
  })
  .strict();

/**
 * The RFA worker invites an applicant of a home to an account, so they sign in to their own progress page and
 * document list. The path grants access, so it is checked as strictly as a read: user:invite and household:write
 * (403 without them), the home in the worker's reach (404 otherwise), the resident an applicant or co-applicant of
 * that home (404 otherwise), the application not ended. Inside the invitation's transaction the check is made again
 * (the home locked), the applicant becomes a person of the site and a member of the home, and the audit row is
 * written; the identity module's own grant check then runs on that person, and any refusal undoes it all.
 */
export function applicantInvitationService(db: Kysely<Database>, now: () => Date) {
  const gate = householdGate(db, now);
  return {
    async invite(actor: Actor, householdId: string, input: z.infer<typeof ApplicantInvitationCreate>) {
      requireAccess(actor, "user:invite");
      const siteId = await gate(actor, "household:write", householdId, async ({ home }) => home.site_id);
      requireAccess(actor, "user:invite", { siteId });
      const invitation = { email: input.email, role: "caregiver", language: input.language } as {
        email: string;
        role: string;
        language: "en" | "es";
        personId?: string;
      };
      const guard = async (trx: Kysely<Database>) => {
        const repository = homesRepository(trx);
        const home = await repository.householdFor(actor, "household:write", householdId, true);
        if (!home) throw new AppError("not_found");
        if (ENDED.includes(home.current_stage))
          throw invalid([{ field: "residentId", messageKey: "homes.invite.ended" }]);
        const resident = (await repository.residents(home.id)).find(
          (r) => r.id === input.residentId && (r.role === "applicant" || r.role === "co_applicant"),
        );
        if (!resident) throw new AppError("not_found");
        const personId = await networkDirectory(trx).addPerson({
          siteId: home.site_id,
          givenName: resident.given_name,
          familyName: resident.family_name,
          email: input.email,
          language: input.language,
        });
        await repository.linkApplicant(home.id, resident.id, personId, resident.role);
        // The grant check and the account that follow in this transaction are for this person.
        invitation.personId = personId;
        await recordAudit(trx, actor, {
          action: "household.invite",
          entityType: "household",
          entityId: home.id,
          siteId: home.site_id,
          outcome: "success",
        });
      };
      return inviteUser(db, actor, siteId, invitation, now(), guard);
    },
  };
}
