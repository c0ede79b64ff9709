import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { signedTextSha256 } from "../../platform/signing/index.js";
import { childGate, completeSignedPractice } from "../children/index.js";
import { partnershipRepository } from "./repository.js";
import type { PartnershipPlan, PartnershipSign } from "./schema.js";
import type { CommitmentText, PartnershipTemplateTable } from "./tables.js";

type TemplateRow = Omit<PartnershipTemplateTable, "commitments" | "id" | "created_at"> & {
  id: string;
  commitments: CommitmentText[];
};

/**
 * The plan's text as one canonical string, both languages, numbered in order: what a signature's SHA-256 is taken
 * of. It depends only on the version's own columns, which never change (a trigger refuses it), so a signed plan
 * hashes the same for as long as it is kept.
 */
export function canonicalText(t: TemplateRow): string {
  const lines = [`${t.state_code} v${t.version} ${t.effective_from}`, t.title_en, t.title_es ?? ""];
  t.commitments.forEach((c, i) => {
    lines.push(`${i + 1}. [${c.party}] ${c.en}`, `${i + 1}. [${c.party}] ${c.es ?? ""}`);
  });
  return lines.join("\n");
}

export const textHash = (t: TemplateRow) => signedTextSha256(canonicalText(t));

function shown(t: TemplateRow) {
  const missing = t.title_es === null || t.commitments.some((c) => !c.es);
  return {
    id: t.id,
    version: t.version,
    effectiveFrom: t.effective_from,
    title: { en: t.title_en, es: t.title_es },
    sourceNote: t.source_note,
    layer: t.site_id ? ("site" as const) : ("state" as const),
    translationMissing: missing,
    commitments: t.commitments.map((c, i) => ({ number: i + 1, party: c.party, en: c.en, es: c.es ?? null })),
    textSha256: textHash(t),
  };
}

/**
 * The partnership plan of a child's placement (QPI's "define" step): the version the placement's signers signed,
 * or the one in force today when nobody has signed yet; the caregiver and a case-management representative each
 * sign the exact version shown. Reached only through the children module's gate, so the caller's relationship to
 * the child decides (404 out of reach), and every read and signature is audited in its transaction.
 */
export function partnershipService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);

  async function planOf(
    trx: Transaction<Database>,
    child: { id: string; site_id: string; state_code: string },
    today: string,
  ) {
    const repo = partnershipRepository(trx);
    const placement = await repo.placementOn(child.id, today);
    if (!placement) return { placement: undefined, template: undefined, signatures: [] };
    const signatures = await repo.signatures(placement.id);
    const signed = signatures[0]?.template_id;
    const template = signed
      ? await repo.template(signed)
      : await repo.templateInForce(child.state_code, child.site_id, today);
    return { placement, template: template as TemplateRow | undefined, signatures };
  }

  async function isCaregiverOf(trx: Transaction<Database>, actor: Actor, householdId: string | null) {
    if (!householdId) return false;
    const member = await trx
      .selectFrom("household_member")
      .select("person_id")
      .where("household_id", "=", householdId)
      .where("person_id", "=", actor.personId)
      .executeTakeFirst();
    return member !== undefined;
  }

  return {
    read(actor: Actor, childId: string): Promise<z.infer<typeof PartnershipPlan>> {
      return withChild(actor, "partnership:read", childId, {}, async ({ trx, child, today, audit }) => {
        const { placement, template, signatures } = await planOf(trx, child, today);
        await audit({ action: "partnership.read" });
        let maySignAs: "caregiver" | "agency" | null = null;
        if (placement && template && actor.permissions.some((p) => p.permission === "partnership:sign")) {
          const party = (await isCaregiverOf(trx, actor, placement.household_id)) ? "caregiver" : "agency";
          const ownStaffScope = actor.permissions.some(
            (p) => p.permission === "partnership:sign" && p.siteId === child.site_id && p.scope !== "own",
          );
          if ((party === "caregiver" || ownStaffScope) && !signatures.some((s) => s.party === party)) maySignAs = party;
        }
        const hash = template ? textHash(template) : null;
        return {
          childId: child.id,
          placementId: placement?.id ?? null,
          template: template ? shown(template) : null,
          signatures: signatures.map((s) => ({
            party: s.party,
            signerName: `${s.given_name} ${s.family_name}`,
            typedName: s.typed_name,
            signedAt: s.signed_at.toISOString(),
            textSha256: s.text_sha256,
            matches: s.text_sha256 === hash,
          })),
          maySignAs,
        };
      });
    },

    sign(actor: Actor, childId: string, input: z.infer<typeof PartnershipSign>) {
      return withChild(
        actor,
        "partnership:sign",
        childId,
        { lock: true },
        async ({ trx, child, now, today, audit }) => {
          const { placement, template, signatures } = await planOf(trx, child, today);
          if (!placement) throw new AppError("conflict", "partnership.no_placement");
          if (!template) throw new AppError("conflict", "partnership.no_template");
          // The signer signs what they were shown: another version is the plan now (a newer one, or the one the
          // other party signed), so nothing is stored and the page shows the plan again.
          if (template.id !== input.templateId)
            throw new AppError("conflict", "partnership.superseded", { version: template.version });
          const party: "caregiver" | "agency" = (await isCaregiverOf(trx, actor, placement.household_id))
            ? "caregiver"
            : "agency";
          if (
            party === "agency" &&
            !actor.permissions.some((p) => p.permission === "partnership:sign" && p.scope !== "own")
          )
            throw new AppError("not_found");
          if (signatures.some((s) => s.party === party)) throw new AppError("conflict", "partnership.already_signed");
          const textSha256 = textHash(template);
          await partnershipRepository(trx).insertSignature({
            child_id: child.id,
            site_id: child.site_id,
            placement_id: placement.id,
            template_id: template.id,
            party,
            signer_user_id: actor.userId,
            typed_name: input.typedName,
            text_sha256: textSha256,
            signed_at: now,
          });
          await audit({ action: "partnership.sign", entityType: "placement", entityId: placement.id });
          // Both parties have now signed: the placement's partnership-plan task (from the rule set) is done.
          if (signatures.some((s) => s.party !== party)) {
            const completed = await completeSignedPractice(trx, {
              placementId: placement.id,
              practice: "partnership_plan",
              at: now,
              by: actor.userId,
            });
            for (const taskId of completed)
              await audit({ action: "practice_task.complete", entityType: "practice_task", entityId: taskId });
          }
          return { placementId: placement.id, party, templateId: template.id, textSha256 };
        },
      );
    },
  };
}
