import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { AppError, type FieldProblem } from "../../platform/errors/app-error.js";
import { caseLifeRepository } from "./case-life-repository.js";
import { childGate } from "./child-access.js";
import type { CorrectionCreate } from "./correction-schema.js";
import { placementRepository } from "./placement-repository.js";
import { calendarDay, EpisodeExit, legalAuthorities, placementSettings, removalReasons } from "./placement-schema.js";

type Input = z.infer<typeof CorrectionCreate>;
type Field = Input["field"];
type Repo = ReturnType<typeof caseLifeRepository>;
type PlacementRow = NonNullable<Awaited<ReturnType<Repo["placement"]>>>;
type EpisodeRow = NonNullable<Awaited<ReturnType<Repo["episode"]>>>;
type PlacementValues = Parameters<Repo["setPlacement"]>[1];
type EpisodeValues = Parameters<Repo["setEpisode"]>[1];

const invalid = (problem: Omit<FieldProblem, "field">) =>
  new AppError("validation", "error.validation", {}, [{ field: "value", ...problem }]);

const FACILITY_SETTINGS = new Set(["group_home", "institution"]);

/** The value as the column holds it, or a 400 naming the value field. */
function parsedValue(field: Field, value: string, today: string): string {
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

/** The corrected placement with its episode and the episode's placements (first to last). */
interface PlacementSubject {
  version: number;
  placement: PlacementRow;
  episode: EpisodeRow;
  placements: PlacementRow[];
  /** Its place among the episode's placements. */
  index: number;
}

/** The corrected removal episode with its placements (first to last). */
interface EpisodeSubject {
  version: number;
  episode: EpisodeRow;
  placements: PlacementRow[];
}

/** One field a correction changes: kept in the history with its value before, then written. */
interface Change {
  entityType: "placement" | "removal_episode";
  entityId: string;
  field: string;
  old: string | null;
  write(repo: Repo, value: string): Promise<void>;
}

const placementChange = (
  placement: PlacementRow,
  field: "startDate" | "endDate" | "setting",
  column: keyof PlacementValues & ("start_date" | "end_date" | "setting"),
): Change => ({
  entityType: "placement",
  entityId: placement.id,
  field,
  old: placement[column],
  write: (repo, value) => repo.setPlacement(placement.id, { [column]: value } as PlacementValues),
});

const episodeChange = (
  episode: EpisodeRow,
  field: "removalDate" | "exitDate" | "exitReason" | "removalReason" | "legalAuthority",
  column: keyof EpisodeValues & ("removal_date" | "exit_date" | "exit_reason" | "removal_reason" | "legal_authority"),
): Change => ({
  entityType: "removal_episode",
  entityId: episode.id,
  field,
  old: episode[column],
  write: (repo, value) => repo.setEpisode(episode.id, { [column]: value } as EpisodeValues),
});

interface Context {
  trx: Transaction<Database>;
  siteId: string;
}

/**
 * A kind of record a correction may change: how it is found (locked, with its
 * episode's placements) and, per correctable field, the changes a new value
 * makes after refusing one that would break the case's order of dates.
 */
interface CorrectableKind<S extends { version: number }> {
  load(repo: Repo, childId: string, entityId: string): Promise<S | undefined>;
  fields: Partial<Record<Field, (subject: S, value: string, ctx: Context) => Change[] | Promise<Change[]>>>;
}

/** A placement's start moves the previous placement's end with it, so a child's days stay continuous. */
const placementKind: CorrectableKind<PlacementSubject> = {
  async load(repo, childId, placementId) {
    const placement = await repo.placement(childId, placementId);
    if (!placement) return undefined;
    const placements = await repo.episodePlacements(placement.episode_id);
    const episode = (await repo.episode(childId, placement.episode_id))!;
    const index = placements.findIndex((p) => p.id === placement.id);
    return { version: placement.version, placement, episode, placements, index };
  },
  fields: {
    async setting({ placement }, value, { trx, siteId }) {
      if (placement.household_id) {
        const home = await placementRepository(trx).household(siteId, placement.household_id);
        if (home && FACILITY_SETTINGS.has(value) !== (home.kind === "facility"))
          throw invalid({ messageKey: "practice.placement.setting_mismatch", params: { setting: value } });
      }
      return [placementChange(placement, "setting", "setting")];
    },
    startDate({ placement, placements, index, episode }, value) {
      if (value < episode.removal_date)
        throw invalid({
          messageKey: "practice.placement.before_removal",
          params: { removalDate: episode.removal_date },
        });
      const previous = index > 0 ? placements[index - 1] : undefined;
      if (previous && value <= previous.start_date)
        throw invalid({ messageKey: "practice.placement.overlaps", params: { startDate: previous.start_date } });
      if (placement.end_date && value > placement.end_date)
        throw invalid({ messageKey: "validation.date_order", params: { other: placement.end_date } });
      // The previous placement ended the day this one started: it moves with it.
      const moves = previous && previous.end_date === placement.start_date;
      return [
        ...(moves ? [placementChange(previous, "endDate", "end_date")] : []),
        placementChange(placement, "startDate", "start_date"),
      ];
    },
    endDate({ placement, placements, index, episode }, value) {
      // Only of a placement that has ended; an open one ends by a move or an exit.
      if (!placement.end_date) throw invalid({ messageKey: "practice.correction.open_placement" });
      if (placements[index + 1]) throw invalid({ messageKey: "practice.correction.end_is_next_start" });
      if (value < placement.start_date)
        throw invalid({ messageKey: "validation.date_order", params: { other: placement.start_date } });
      return [
        ...(episode.exit_date === placement.end_date ? [episodeChange(episode, "exitDate", "exit_date")] : []),
        placementChange(placement, "endDate", "end_date"),
      ];
    },
  },
};

/** An exit date moves the last placement's end with it, so a child's days stay continuous. */
const episodeKind: CorrectableKind<EpisodeSubject> = {
  async load(repo, childId, episodeId) {
    const episode = await repo.episode(childId, episodeId);
    if (!episode) return undefined;
    return { version: episode.version, episode, placements: await repo.episodePlacements(episode.id) };
  },
  fields: {
    removalDate({ episode, placements }, value) {
      const first = placements[0];
      if (first && value > first.start_date)
        throw invalid({
          messageKey: "practice.correction.removal_after_placement",
          params: { startDate: first.start_date },
        });
      if (episode.exit_date && value > episode.exit_date)
        throw invalid({ messageKey: "validation.date_order", params: { other: episode.exit_date } });
      return [episodeChange(episode, "removalDate", "removal_date")];
    },
    exitDate({ episode, placements }, value) {
      if (!episode.exit_date) throw invalid({ messageKey: "practice.correction.not_exited" });
      if (value < episode.removal_date)
        throw invalid({
          messageKey: "practice.episode.exit_before_entry",
          params: { removalDate: episode.removal_date },
        });
      const last = placements.at(-1);
      if (last && value < last.start_date)
        throw invalid({ messageKey: "practice.episode.exit_before_placement", params: { startDate: last.start_date } });
      // The last placement ended on the exit day: it moves with it.
      return [
        ...(last && last.end_date === episode.exit_date ? [placementChange(last, "endDate", "end_date")] : []),
        episodeChange(episode, "exitDate", "exit_date"),
      ];
    },
    exitReason({ episode }) {
      if (!episode.exit_date) throw invalid({ messageKey: "practice.correction.not_exited" });
      return [episodeChange(episode, "exitReason", "exit_reason")];
    },
    removalReason: ({ episode }) => [episodeChange(episode, "removalReason", "removal_reason")],
    legalAuthority: ({ episode }) => [episodeChange(episode, "legalAuthority", "legal_authority")],
  },
};

/** The changes `input` makes to a record of `kind`: the field must be one of the kind's, the version current. */
async function changesOf<S extends { version: number }>(
  kind: CorrectableKind<S>,
  repo: Repo,
  childId: string,
  input: Input,
  value: string,
  ctx: Context,
): Promise<Change[]> {
  const rule = kind.fields[input.field];
  if (!rule)
    throw new AppError("validation", "error.validation", {}, [
      { field: "field", messageKey: "validation.invalid_value" },
    ]);
  const subject = await kind.load(repo, childId, input.entityId);
  if (!subject) throw new AppError("not_found");
  if (subject.version !== input.version) throw new AppError("conflict", "error.conflict");
  return rule(subject, value, ctx);
}

/**
 * Corrections of a placement's or a removal episode's dates and settings. The
 * record takes the corrected value (what the outcomes projection reads at its
 * next refresh), the old and new values and the reason are kept as history, and
 * the change is audited. Tasks already created keep their due dates.
 */
export function correctionService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  const write = { lock: true, fieldClasses: ["placement"] };

  return {
    correct(actor: Actor, childId: string, input: Input) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, today, audit }) => {
        const repo = caseLifeRepository(trx);
        const value = parsedValue(input.field, input.value, today);
        const ctx = { trx, siteId: child.site_id };
        const changes =
          input.entityType === "placement"
            ? await changesOf(placementKind, repo, childId, input, value, ctx)
            : await changesOf(episodeKind, repo, childId, input, value, ctx);
        let main: { id: string; old: string | null } | undefined;
        for (const change of changes) {
          await change.write(repo, value);
          const row = await repo.insertCorrection({
            child_id: childId,
            site_id: child.site_id,
            entity_type: change.entityType,
            entity_id: change.entityId,
            field: change.field,
            old_value: change.old,
            new_value: value,
            reason: input.reason,
            corrected_by: actor.userId,
          });
          if (change.entityId === input.entityId && change.field === input.field)
            main = { id: row.id, old: change.old };
        }
        await audit({ action: "record.correct", entityType: input.entityType, entityId: input.entityId });
        return { id: main!.id, field: input.field, oldValue: main!.old, newValue: value };
      });
    },
  };
}
