import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import { inAccessTransaction } from "../../platform/access/access-transaction.js";
import type { Actor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, type FieldProblem } from "../../platform/errors/app-error.js";
import { activeSiteStaffWithPermission } from "../identity/index.js";
import { caseLifeRepository } from "./case-life-repository.js";
import { ChildCreate } from "./child-record-schema.js";
import { childRecordService } from "./child-record-service.js";
import { mapDatabaseError } from "./database-errors.js";
import type { IntakeAnswers, IntakeDraft, IntakeDraftHandover, IntakeDraftSave } from "./intake-schema.js";
import { EpisodeCreate } from "./placement-schema.js";
import { placementService } from "./placement-service.js";
import { TeamMemberAdd } from "./team-schema.js";
import { teamService } from "./team-service.js";

type Answers = z.infer<typeof IntakeAnswers>;
type DraftRow = Awaited<ReturnType<ReturnType<typeof caseLifeRepository>["insertDraft"]>>;

function toDraft(row: DraftRow): IntakeDraft {
  return {
    id: row.id,
    siteId: row.site_id,
    step: row.step,
    answers: row.answers as Answers,
    childId: row.child_id,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

/** "" typed and cleared is no answer: optional fields become null, required ones stay missing. */
const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
const orNull = (v: string | undefined) => blank(v) ?? null;

/** The zod problems of one step, named as the step's fields ("child.birthDate"). */
function problems(step: string, error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue): FieldProblem => {
    const field = [step, ...issue.path.map(String)].join(".");
    switch (issue.code) {
      case "invalid_type":
        return { field, messageKey: issue.input === undefined ? "validation.required" : "validation.invalid_value" };
      case "too_small":
        return { field, messageKey: "validation.too_small", params: { minimum: String(issue.minimum) } };
      case "too_big":
        return { field, messageKey: "validation.too_big", params: { maximum: String(issue.maximum) } };
      case "invalid_format":
        return { field, messageKey: "validation.invalid_format", params: { format: issue.format } };
      default:
        return { field, messageKey: "validation.invalid_value" };
    }
  });
}

/** The finished intake's inputs, each checked by its route's own schema; every problem at once. */
function checkedInputs(siteId: string, answers: Answers, today: string) {
  const c = answers.child ?? {};
  const r = answers.removal ?? {};
  const p = answers.placement ?? {};
  const child = ChildCreate.safeParse({
    siteId,
    caseNumber: blank(c.caseNumber),
    givenName: blank(c.givenName),
    familyName: blank(c.familyName),
    preferredName: orNull(c.preferredName),
    birthDate: blank(c.birthDate),
    sex: blank(c.sex),
    languages: c.languages?.length ? c.languages : undefined,
    icwa: c.icwa ?? false,
    tribalAffiliation: orNull(c.tribalAffiliation),
    school: orNull(c.school),
    schoolOfOrigin: orNull(c.schoolOfOrigin),
  });
  const episode = EpisodeCreate.safeParse({
    removalDate: blank(r.removalDate),
    removalTime: blank(r.removalTime),
    removalReason: blank(r.removalReason),
    legalAuthority: blank(r.legalAuthority),
    placement: {
      householdId: orNull(p.householdId),
      setting: blank(p.setting),
      startDate: blank(p.startDate),
      startTime: blank(p.startTime),
      changeKind: "initial",
    },
  });
  const team = (answers.team ?? [])
    .filter((m) => blank(m.givenName) || blank(m.familyName) || blank(m.role))
    .map((m) =>
      TeamMemberAdd.safeParse({
        role: blank(m.role),
        startsOn: today,
        person: {
          givenName: blank(m.givenName),
          familyName: blank(m.familyName),
          ...(blank(m.email) ? { email: m.email } : {}),
          ...(blank(m.phone) ? { phone: m.phone } : {}),
        },
      }),
    );
  const found = [
    ...(child.success ? [] : problems("child", child.error)),
    ...(episode.success
      ? []
      : problems("removal", episode.error).map((f) => ({
          ...f,
          field: f.field.replace("removal.placement.", "placement."),
        }))),
    ...team.flatMap((t, i) => (t.success ? [] : problems(`team.${i}`, t.error))),
  ];
  if (r.removalDate && r.removalDate > today)
    found.push({ field: "removal.removalDate", messageKey: "practice.correction.future", params: { today } });
  if (found.length || !child.success || !episode.success)
    throw new AppError("validation", "practice.intake.not_ready", {}, found);
  return { child: child.data, episode: episode.data, team: team.map((t) => t.data!) };
}

/**
 * Intake as one guided flow: the draft is saved step by step on the server
 * (only its author reads it), and finishing it creates the child, the removal
 * with its first placement (and that placement's practice tasks) and the team
 * through the module's own services, each with its access check and audit. A
 * finish that stops half-way (a team member refused) resumes where it stopped.
 */
export function intakeService(db: Kysely<Database>, clock: () => Date) {
  const records = childRecordService(db, clock);
  const placements = placementService(db, clock);
  const teams = teamService(db, clock);
  const inWrite = <T>(
    actor: Actor,
    site: { siteId: string } | undefined,
    work: (trx: Transaction<Database>) => Promise<T>,
  ) => inAccessTransaction(db, actor, "child:write", { site, mapError: (e) => mapDatabaseError(e) }, work);

  const audited = (
    trx: Transaction<Database>,
    actor: Actor,
    row: { id: string; site_id: string },
    action: "intake.draft.save" | "intake.draft.read" | "intake.finish" | "intake.draft.handover",
    purpose?: string,
  ) =>
    recordAudit(trx, actor, {
      action,
      entityType: "intake_draft",
      entityId: row.id,
      siteId: row.site_id,
      fieldClasses: ["identity"],
      outcome: "success",
      ...(purpose ? { purpose } : {}),
    });

  /** The other workers of the draft's site who may record an intake there today. */
  const colleagues = async (trx: Transaction<Database>, actor: Actor, siteId: string) => {
    const day = actor.siteDays[siteId] ?? clock().toISOString().slice(0, 10);
    return (await activeSiteStaffWithPermission(trx, siteId, "child:write", day)).filter(
      (w) => w.userId !== actor.userId,
    );
  };

  async function ownDraft(trx: Transaction<Database>, actor: Actor, draftId: string) {
    const row = await caseLifeRepository(trx).draft(actor.userId, draftId);
    if (!row) throw new AppError("not_found");
    return row;
  }

  return {
    start(actor: Actor, siteId: string) {
      return inWrite(actor, { siteId }, async (trx) => {
        const row = await caseLifeRepository(trx).insertDraft({
          site_id: siteId,
          created_by: actor.userId,
          held_by: actor.userId,
          step: "child",
          answers: JSON.stringify({}),
          child_id: null,
          completed_at: null,
        });
        await audited(trx, actor, row, "intake.draft.save");
        return toDraft(row);
      });
    },

    mine(actor: Actor) {
      return inWrite(actor, undefined, async (trx) => ({
        drafts: (await caseLifeRepository(trx).drafts(actor.userId)).map(toDraft),
      }));
    },

    read(actor: Actor, draftId: string) {
      return inWrite(actor, undefined, async (trx) => {
        const row = await ownDraft(trx, actor, draftId);
        const homes = await caseLifeRepository(trx).households(row.site_id);
        await audited(trx, actor, row, "intake.draft.read");
        return {
          ...toDraft(row),
          households: homes.map((h) => ({
            id: h.id,
            name: h.name,
            kind: h.kind,
            city: h.city,
          })),
          handoverTo: await colleagues(trx, actor, row.site_id),
        };
      });
    },

    save(actor: Actor, draftId: string, input: z.infer<typeof IntakeDraftSave>) {
      return inWrite(actor, undefined, async (trx) => {
        const row = await ownDraft(trx, actor, draftId);
        if (row.version !== input.version) throw new AppError("conflict", "error.conflict");
        const saved = await caseLifeRepository(trx).updateDraft(row.id, {
          step: input.step,
          answers: JSON.stringify(input.answers),
        });
        await audited(trx, actor, saved, "intake.draft.save");
        return toDraft(saved);
      });
    },

    /**
     * Hands an unfinished intake to another worker of its site who may record intakes there: they find it in their
     * list and carry on from the step it was at; the one who handed it no longer sees it. Audited with the
     * recipient and the note.
     */
    handOver(actor: Actor, draftId: string, input: z.infer<typeof IntakeDraftHandover>) {
      return inWrite(actor, undefined, async (trx) => {
        const row = await ownDraft(trx, actor, draftId);
        if (row.version !== input.version) throw new AppError("conflict", "error.conflict");
        const to = (await colleagues(trx, actor, row.site_id)).find((w) => w.userId === input.toUserId);
        if (!to)
          throw new AppError("validation", "error.validation", {}, [
            { field: "toUserId", messageKey: "practice.intake.handover_not_colleague" },
          ]);
        const handed = await caseLifeRepository(trx).handDraft(row.id, to.userId);
        const note = input.note ? `: ${input.note}` : "";
        await audited(trx, actor, handed, "intake.draft.handover", `handed to ${to.userId}${note}`);
        return { id: handed.id, heldBy: to };
      });
    },

    async finish(actor: Actor, draftId: string) {
      const draft = await inWrite(actor, undefined, async (trx) => toDraft(await ownDraft(trx, actor, draftId)));
      const today = actor.siteDays[draft.siteId] ?? clock().toISOString().slice(0, 10);
      const inputs = checkedInputs(draft.siteId, draft.answers, today);
      let childId = draft.childId;
      if (!childId) {
        childId = (await records.create(actor, inputs.child)).id;
        const created = childId;
        await inWrite(actor, undefined, (trx) => caseLifeRepository(trx).setDraftChild(draftId, created));
      }
      const history = await placements.history(actor, childId);
      const placed = history.episodes[0]
        ? { episodeId: history.episodes[0].id, placementId: history.episodes[0].placements.at(-1)!.id }
        : await placements.openEpisode(actor, childId, inputs.episode);
      for (const member of inputs.team) {
        try {
          await teams.add(actor, childId, member);
        } catch (error) {
          // A resumed finish meets the members it already added.
          if (!(error instanceof AppError && error.messageKey === "practice.team.already_member")) throw error;
        }
      }
      await inWrite(actor, undefined, async (trx) => {
        const row = await ownDraft(trx, actor, draftId);
        await caseLifeRepository(trx).completeDraft(row.id);
        await audited(trx, actor, row, "intake.finish");
      });
      return { childId, episodeId: placed.episodeId, placementId: placed.placementId };
    },
  };
}
