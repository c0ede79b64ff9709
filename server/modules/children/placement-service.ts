import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { hasPermission } from "../../platform/access/require-access.js";
import { AppError } from "../../platform/errors/app-error.js";
import { zonedInstant } from "../../platform/rules/zoned-time.js";
import { caseLifeRepository } from "./case-life-repository.js";
import { type ChildFacts, childGate } from "./child-access.js";
import { checkRemovalDate } from "./date-bounds.js";
import { placementRepository } from "./placement-repository.js";
import {
  afcarsDischargeCode,
  type EpisodeCreate,
  type EpisodeExit,
  type PlacementHistory,
  type PlacementMove,
  type PlannedMoveCancel,
} from "./placement-schema.js";
import { createPlacementTasks } from "./practice-tasks.js";

type PlacementInput = z.infer<typeof PlacementMove> | z.infer<typeof EpisodeCreate>["placement"];

const FACILITY_SETTINGS = new Set(["group_home", "institution"]);

async function checkHousehold(trx: Transaction<Database>, child: ChildFacts, input: PlacementInput) {
  if (!input.householdId) return;
  const household = await placementRepository(trx).household(child.site_id, input.householdId);
  if (!household)
    throw new AppError("validation", "error.validation", {}, [
      { field: "householdId", messageKey: "practice.placement.household_unknown" },
    ]);
  if (FACILITY_SETTINGS.has(input.setting) !== (household.kind === "facility")) {
    throw new AppError("validation", "error.validation", {}, [
      { field: "setting", messageKey: "practice.placement.setting_mismatch", params: { setting: input.setting } },
    ]);
  }
}

async function insertPlacement(
  trx: Transaction<Database>,
  child: ChildFacts,
  episodeId: string,
  input: PlacementInput,
  changeKind: "initial" | "planned" | "emergency" | "unplanned",
) {
  const startedAt = input.startTime ? zonedInstant(input.startDate, input.startTime, child.time_zone) : null;
  const placement = await placementRepository(trx).insertPlacement({
    episode_id: episodeId,
    child_id: child.id,
    site_id: child.site_id,
    household_id: input.householdId,
    setting: input.setting,
    start_date: input.startDate,
    started_at: startedAt,
    end_date: null,
    change_kind: changeKind,
    change_requested_by: input.requestedBy,
    change_reason: input.reason,
  });
  const tasks = await createPlacementTasks(trx, {
    placementId: placement.id,
    childId: child.id,
    siteId: child.site_id,
    stateCode: child.state_code,
    timeZone: child.time_zone,
    icwa: child.icwa,
    householdId: input.householdId,
    setting: input.setting,
    startDate: input.startDate,
    startedAt,
    changeKind,
    exclusions: input.exclusions,
  });
  return { placementId: placement.id, tasks };
}

/** A placement holds from its start day up to (not including) its end day, the day the next one starts. */
export function placementStatus(p: { start_date: string; end_date: string | null }, day: string) {
  if (p.start_date > day) return "upcoming" as const;
  return p.end_date === null || p.end_date > day ? ("current" as const) : ("past" as const);
}

/**
 * A move or an exit dated before a planned move that has not started: the planned move is withdrawn first
 * (its own action, with a reason kept in the case history), so no record is overwritten silently.
 */
function refusePendingMove(open: { start_date: string }, date: string, today: string, field: string) {
  if (open.start_date > today && date < open.start_date)
    throw new AppError("validation", "error.validation", {}, [
      { field, messageKey: "practice.placement.planned_move_pending", params: { date: open.start_date } },
    ]);
}

export function placementService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);
  const write = { lock: true, fieldClasses: ["placement"] };

  return {
    async history(actor: Actor, childId: string): Promise<PlacementHistory> {
      return withChild(actor, "child:read", childId, {}, async ({ trx, child, today, disclosure, audit }) => {
        const repo = placementRepository(trx);
        const [episodes, placements, team, relations, households] = [
          await repo.episodes(childId),
          await repo.placements(childId),
          await repo.team(childId),
          await repo.relations(childId),
          await repo.households(child.site_id),
        ];
        const corrections = await caseLifeRepository(trx).corrections(childId);
        const disclosed = await disclosure();
        const showContact = disclosed.readable.has("caregiver_contact");
        // Under a no-contact or non-disclosure order a birth parent is not told who the resource family is: no home's
        // name, which is the caregiver's surname (the family page says "the resource family").
        const hideHomes =
          disclosed.courtOrderForbidsContact &&
          actor.grants.filter((g) => g.siteId === child.site_id).every((g) => g.role === "birth_parent");
        await audit({
          action: "placement.history.read",
          fieldClasses: showContact ? ["placement", "caregiver_contact"] : ["placement"],
        });
        return {
          ...(showContact ? { caregiverContact: disclosed.home } : {}),
          childId,
          icwa: child.icwa,
          episodes: episodes.map((e) => ({
            id: e.id,
            removalDate: e.removal_date,
            removalReason: e.removal_reason,
            exitDate: e.exit_date,
            exitReason: e.exit_reason,
            afcarsDischargeCode: e.exit_reason ? afcarsDischargeCode[e.exit_reason] : null,
            removalTime: e.removal_time,
            legalAuthority: e.legal_authority,
            version: e.version,
            placements: placements
              .filter((p) => p.episode_id === e.id)
              .map((p) => ({
                id: p.id,
                householdId: p.household_id,
                householdName: hideHomes ? null : p.household_name,
                setting: p.setting,
                startDate: p.start_date,
                endDate: p.end_date,
                changeKind: p.change_kind,
                requestedBy: p.change_requested_by,
                reason: p.change_reason,
                transitionSteps: (p.steps as { description: string; on: string }[] | null) ?? null,
                version: p.version,
                status: placementStatus(p, today),
              })),
          })),
          team: team.map((m) => ({
            id: m.id,
            personId: m.person_id,
            name: `${m.given_name} ${m.family_name}`,
            role: m.role,
            startsOn: m.starts_on,
            endsOn: m.ends_on,
          })),
          corrections: corrections.map((c) => ({
            id: c.id,
            entityType: c.entity_type,
            entityId: c.entity_id,
            field: c.field,
            oldValue: c.old_value,
            newValue: c.new_value,
            reason: c.reason,
            correctedBy: `${c.given_name} ${c.family_name}`,
            correctedAt: new Date(c.created_at).toISOString(),
          })),
          relations: relations.map((r) => ({
            personId: r.person_id,
            name: `${r.given_name} ${r.family_name}`,
            kind: r.kind,
          })),
          // The homes a child could be placed in are for those who place children, not for families.
          households: hasPermission(actor, "child:write", child.site_id)
            ? households.map((h) => ({
                id: h.id,
                name: h.name,
                kind: h.kind,
                city: h.city,
                licenseNumber: h.license_number,
                availability: h.availability,
                availabilityConfirmedOn: h.availability_confirmed_on,
              }))
            : [],
        };
      });
    },

    /** A removal: opens an episode and its first placement, and creates the practice tasks. */
    async openEpisode(actor: Actor, childId: string, input: z.infer<typeof EpisodeCreate>) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, today, audit }) => {
        checkRemovalDate(input.removalDate, today);
        const repo = placementRepository(trx);
        if (await repo.openPlacement(childId)) throw new AppError("conflict", "practice.placement.second_open");
        if (input.placement.startDate < input.removalDate) {
          throw new AppError("validation", "error.validation", {}, [
            {
              field: "placement.startDate",
              messageKey: "practice.placement.before_removal",
              params: { removalDate: input.removalDate },
            },
          ]);
        }
        await checkHousehold(trx, child, input.placement);
        const episode = await repo.insertEpisode({
          child_id: childId,
          site_id: child.site_id,
          removal_date: input.removalDate,
          removal_reason: input.removalReason,
          removal_time: input.removalTime ?? null,
          legal_authority: input.legalAuthority ?? null,
          exit_date: null,
          exit_reason: null,
        });
        const placed = await insertPlacement(trx, child, episode.id, input.placement, input.placement.changeKind);
        await audit({ action: "episode.open", entityType: "removal_episode", entityId: episode.id });
        return { episodeId: episode.id, ...placed };
      });
    },

    /** A move: closes the open placement the day the new one starts and opens the new one, atomically. */
    async move(actor: Actor, childId: string, input: z.infer<typeof PlacementMove>) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, today, audit }) => {
        const repo = placementRepository(trx);
        const open = await repo.openPlacement(childId);
        if (!open) throw new AppError("conflict", "practice.placement.not_in_care");
        refusePendingMove(open, input.startDate, today, "startDate");
        const episode = (await repo.episodes(childId)).find((e) => e.id === open.episode_id)!;
        if (input.startDate < episode.removal_date) {
          throw new AppError("validation", "error.validation", {}, [
            {
              field: "startDate",
              messageKey: "practice.placement.before_removal",
              params: { removalDate: episode.removal_date },
            },
          ]);
        }
        if (input.startDate <= open.start_date)
          throw new AppError("conflict", "practice.placement.overlaps", { startDate: open.start_date });
        await checkHousehold(trx, child, input);
        await repo.endPlacement(open.id, input.startDate);
        const placed = await insertPlacement(trx, child, open.episode_id, input, input.changeKind);
        if (input.changeKind === "planned" && input.transitionSteps.length) {
          await repo.insertTransitionPlan(placed.placementId, input.transitionSteps, actor.userId);
        }
        await audit({ action: "placement.move", entityType: "placement", entityId: placed.placementId });
        return { episodeId: open.episode_id, ...placed };
      });
    },

    /**
     * Withdraws a planned move that has not started (the plan fell through, or an emergency came first): the
     * placement in force runs on again, the move's open tasks no longer apply, and the case history keeps
     * what was planned, by whom it was withdrawn and why.
     */
    async withdrawPlannedMove(
      actor: Actor,
      childId: string,
      placementId: string,
      input: z.infer<typeof PlannedMoveCancel>,
    ) {
      return withChild(actor, "child:write", childId, write, async ({ trx, child, today, audit }) => {
        const lives = caseLifeRepository(trx);
        const placement = await lives.placement(childId, placementId);
        if (!placement) throw new AppError("not_found");
        if (placementStatus(placement, today) !== "upcoming" || placement.end_date !== null)
          throw new AppError("conflict", "practice.placement.not_planned");
        if (placement.version !== input.version) throw new AppError("conflict", "error.conflict");
        const home = placement.household_id
          ? await placementRepository(trx).household(child.site_id, placement.household_id)
          : undefined;
        // The plan goes first: the placement in force cannot run on while another placement holds its days.
        const tasksClosed = await lives.withdrawPlacement(placement.id);
        await lives.reopenPrevious(placement.episode_id, placement.start_date);
        await lives.insertCorrection({
          child_id: childId,
          site_id: child.site_id,
          entity_type: "placement",
          entity_id: placement.id,
          field: "plannedMove",
          old_value: `${placement.start_date} ${home?.name ?? placement.setting}`,
          new_value: null,
          reason: input.reason,
          corrected_by: actor.userId,
        });
        await audit({ action: "placement.withdraw", entityType: "placement", entityId: placement.id });
        return { placementId: placement.id, tasksClosed };
      });
    },

    /** Leaving care: ends the open placement and the episode on the exit day. */
    async exitEpisode(actor: Actor, childId: string, episodeId: string, input: z.infer<typeof EpisodeExit>) {
      return withChild(actor, "child:write", childId, write, async ({ trx, today, audit }) => {
        const repo = placementRepository(trx);
        const episode = (await repo.episodes(childId)).find((e) => e.id === episodeId);
        if (!episode) throw new AppError("not_found");
        if (episode.exit_date) throw new AppError("conflict", "practice.episode.already_exited");
        if (episode.version !== input.version) throw new AppError("conflict", "error.conflict");
        if (input.exitDate < episode.removal_date) {
          throw new AppError("validation", "error.validation", {}, [
            {
              field: "exitDate",
              messageKey: "practice.episode.exit_before_entry",
              params: { removalDate: episode.removal_date },
            },
          ]);
        }
        const open = await repo.openPlacement(childId);
        if (open && open.episode_id === episodeId) {
          refusePendingMove(open, input.exitDate, today, "exitDate");
          if (input.exitDate < open.start_date) {
            throw new AppError("validation", "error.validation", {}, [
              {
                field: "exitDate",
                messageKey: "practice.episode.exit_before_placement",
                params: { startDate: open.start_date },
              },
            ]);
          }
          await repo.endPlacement(open.id, input.exitDate);
        }
        await repo.exitEpisode(episodeId, input.exitDate, input.exitReason);
        // The tasks the episode's placements started no longer apply once the child has left care.
        const closed = await caseLifeRepository(trx).closeEpisodeTasks(childId, episodeId);
        await audit({ action: "episode.exit", entityType: "removal_episode", entityId: episodeId });
        return { episodeId, exitDate: input.exitDate, tasksClosed: closed.length };
      });
    },
  };
}
