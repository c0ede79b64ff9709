import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { AppError, type FieldProblem } from "../../platform/errors/app-error.js";
import { caseLifeRepository } from "./case-life-repository.js";
import { childGate } from "./child-access.js";
import { type CorrectionCreate, episodeCorrectable, placementCorrectable } from "./correction-schema.js";
import { placementRepository } from "./placement-repository.js";
import { calendarDay, EpisodeExit, legalAuthorities, placementSettings, removalReasons } from "./placement-schema.js";

type Input = z.infer<typeof CorrectionCreate>;

const invalid = (problem: Omit<FieldProblem, "field">) =>
  new AppError("validation", "error.validation", {}, [{ field: "value", ...problem }]);

const FACILITY_SETTINGS = new Set(["group_home", "institution"]);

/** The value as the column holds it, or a 400 naming the value field. */
function parsedValue(field: Input["field"], value: string, today: string): string {
  if (field.endsWith("Date")) {
    if (!calendarDay.safeParse(value).success)
      throw invalid({ messageKey: "validation.invalid_format", params: { format: "date" } });
    if (value > today) throw invalid({ messageKey: "practice.correction.future", params: { today } });
    return value;
  }
  const allowed: Record<string, readonly string[]> = {
    setting: placementSettings,
    exitReason: EpisodeExit.shape.exitReason.options,
    removalReason: removalReasons,
    legalAuthority: legalAuthorities,
  };
  if (!allowed[field]?.includes(value)) throw invalid({ messageKey: "validation.invalid_value" });
  return value;
}

/**
 * Corrections of a placement's or a removal episode's dates and settings. The
 * record takes the corrected value (what the outcomes projection reads at its
 * next refresh), the old and new values and the reason are kept as history, and
 * the change is audited. A placement's start moves the previous placement's end
 * with it, and an exit date the last placement's end, so a child's days stay
 * continuous. Tasks already created keep their due dates.
 */
export function correctionService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  const write = { lock: true, fieldClasses: ["placement"] };

  return {
    correct(actor: Actor, childId: string, input: Input) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, today, audit }) => {
        const repo = caseLifeRepository(trx);
        const value = parsedValue(input.field, input.value, today);
        const kept: {
          entityType: "placement" | "removal_episode";
          entityId: string;
          field: string;
          old: string | null;
        }[] = [];

        if (input.entityType === "placement") {
          if (!(placementCorrectable as readonly string[]).includes(input.field))
            throw new AppError("validation", "error.validation", {}, [
              { field: "field", messageKey: "validation.invalid_value" },
            ]);
          const placement = await repo.placement(childId, input.entityId);
          if (!placement) throw new AppError("not_found");
          if (placement.version !== input.version) throw new AppError("conflict", "error.conflict");
          const siblings = await repo.episodePlacements(placement.episode_id);
          const episode = (await repo.episode(childId, placement.episode_id))!;
          const index = siblings.findIndex((p) => p.id === placement.id);
          if (input.field === "setting") {
            if (placement.household_id) {
              const home = await placementRepository(trx).household(child.site_id, placement.household_id);
              if (home && FACILITY_SETTINGS.has(value) !== (home.kind === "facility"))
                throw invalid({ messageKey: "practice.placement.setting_mismatch", params: { setting: value } });
            }
            await repo.setPlacement(placement.id, { setting: value as typeof placement.setting });
            kept.push({ entityType: "placement", entityId: placement.id, field: "setting", old: placement.setting });
          } else if (input.field === "startDate") {
            if (value < episode.removal_date)
              throw invalid({
                messageKey: "practice.placement.before_removal",
                params: { removalDate: episode.removal_date },
              });
            const previous = index > 0 ? siblings[index - 1] : undefined;
            if (previous && value <= previous.start_date)
              throw invalid({ messageKey: "practice.placement.overlaps", params: { startDate: previous.start_date } });
            if (placement.end_date && value > placement.end_date)
              throw invalid({ messageKey: "validation.date_order", params: { other: placement.end_date } });
            // The previous placement ended the day this one started: it moves with it.
            if (previous && previous.end_date === placement.start_date) {
              await repo.setPlacement(previous.id, { end_date: value });
              kept.push({ entityType: "placement", entityId: previous.id, field: "endDate", old: previous.end_date });
            }
            await repo.setPlacement(placement.id, { start_date: value });
            kept.push({
              entityType: "placement",
              entityId: placement.id,
              field: "startDate",
              old: placement.start_date,
            });
          } else {
            // endDate: only of a placement that has ended; an open one ends by a move or an exit.
            if (!placement.end_date) throw invalid({ messageKey: "practice.correction.open_placement" });
            const next = siblings[index + 1];
            if (next) throw invalid({ messageKey: "practice.correction.end_is_next_start" });
            if (value < placement.start_date)
              throw invalid({ messageKey: "validation.date_order", params: { other: placement.start_date } });
            if (episode.exit_date === placement.end_date) {
              await repo.setEpisode(episode.id, { exit_date: value });
              kept.push({
                entityType: "removal_episode",
                entityId: episode.id,
                field: "exitDate",
                old: episode.exit_date,
              });
            }
            await repo.setPlacement(placement.id, { end_date: value });
            kept.push({ entityType: "placement", entityId: placement.id, field: "endDate", old: placement.end_date });
          }
        } else {
          if (!(episodeCorrectable as readonly string[]).includes(input.field))
            throw new AppError("validation", "error.validation", {}, [
              { field: "field", messageKey: "validation.invalid_value" },
            ]);
          const episode = await repo.episode(childId, input.entityId);
          if (!episode) throw new AppError("not_found");
          if (episode.version !== input.version) throw new AppError("conflict", "error.conflict");
          const placements = await repo.episodePlacements(episode.id);
          const first = placements[0];
          const last = placements.at(-1);
          if (input.field === "removalDate") {
            if (first && value > first.start_date)
              throw invalid({
                messageKey: "practice.correction.removal_after_placement",
                params: { startDate: first.start_date },
              });
            if (episode.exit_date && value > episode.exit_date)
              throw invalid({ messageKey: "validation.date_order", params: { other: episode.exit_date } });
            await repo.setEpisode(episode.id, { removal_date: value });
            kept.push({
              entityType: "removal_episode",
              entityId: episode.id,
              field: "removalDate",
              old: episode.removal_date,
            });
          } else if (input.field === "exitDate") {
            if (!episode.exit_date) throw invalid({ messageKey: "practice.correction.not_exited" });
            if (value < episode.removal_date)
              throw invalid({
                messageKey: "practice.episode.exit_before_entry",
                params: { removalDate: episode.removal_date },
              });
            if (last && value < last.start_date)
              throw invalid({
                messageKey: "practice.episode.exit_before_placement",
                params: { startDate: last.start_date },
              });
            // The last placement ended on the exit day: it moves with it.
            if (last && last.end_date === episode.exit_date) {
              await repo.setPlacement(last.id, { end_date: value });
              kept.push({ entityType: "placement", entityId: last.id, field: "endDate", old: last.end_date });
            }
            await repo.setEpisode(episode.id, { exit_date: value });
            kept.push({
              entityType: "removal_episode",
              entityId: episode.id,
              field: "exitDate",
              old: episode.exit_date,
            });
          } else if (input.field === "exitReason") {
            if (!episode.exit_date) throw invalid({ messageKey: "practice.correction.not_exited" });
            await repo.setEpisode(episode.id, { exit_reason: value as NonNullable<typeof episode.exit_reason> });
            kept.push({
              entityType: "removal_episode",
              entityId: episode.id,
              field: "exitReason",
              old: episode.exit_reason,
            });
          } else if (input.field === "removalReason") {
            await repo.setEpisode(episode.id, { removal_reason: value });
            kept.push({
              entityType: "removal_episode",
              entityId: episode.id,
              field: "removalReason",
              old: episode.removal_reason,
            });
          } else {
            await repo.setEpisode(episode.id, { legal_authority: value as (typeof legalAuthorities)[number] });
            kept.push({
              entityType: "removal_episode",
              entityId: episode.id,
              field: "legalAuthority",
              old: episode.legal_authority,
            });
          }
        }

        let written: { id: string } | undefined;
        for (const k of kept) {
          const row = await repo.insertCorrection({
            child_id: childId,
            site_id: child.site_id,
            entity_type: k.entityType,
            entity_id: k.entityId,
            field: k.field,
            old_value: k.old,
            new_value: value,
            reason: input.reason,
            corrected_by: actor.userId,
          });
          if (k.entityId === input.entityId && k.field === input.field) written = row;
        }
        await audit({ action: "record.correct", entityType: input.entityType, entityId: input.entityId });
        const main = kept.find((k) => k.entityId === input.entityId && k.field === input.field)!;
        return { id: written!.id, field: input.field, oldValue: main.old, newValue: value };
      });
    },
  };
}
