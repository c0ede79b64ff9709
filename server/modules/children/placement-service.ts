import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { purposeOfRead } from "../../platform/access/child-reach.js";
import { hasPermission, requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { zonedInstant } from "../../platform/rules/zoned-time.js";
import { mapDatabaseError } from "./database-errors.js";
import { childDisclosure } from "./disclosure.js";
import { placementRepository } from "./placement-repository.js";
import type { EpisodeCreate, EpisodeExit, PlacementHistory, PlacementMove } from "./placement-schema.js";
import { createPlacementTasks } from "./practice-tasks.js";

type ChildFacts = NonNullable<Awaited<ReturnType<ReturnType<typeof placementRepository>["childFor"]>>>;
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
  const placement = await trx
    .insertInto("placement")
    .values({
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
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
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

export function placementService(db: Kysely<Database>) {
  /** Runs a write on one child inside one transaction with the child's row locked, mapping constraint violations. */
  async function writeOnChild<T>(
    actor: Actor,
    childId: string,
    work: (trx: Transaction<Database>, child: ChildFacts) => Promise<T>,
  ): Promise<T> {
    requireAccess(actor, "child:write");
    try {
      return await db.transaction().execute(async (trx) => {
        const child = await placementRepository(trx).childFor(actor, "child:write", childId, true);
        if (!child) throw new AppError("not_found");
        return work(trx, child);
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      mapDatabaseError(error);
    }
  }

  return {
    async history(actor: Actor, childId: string): Promise<PlacementHistory> {
      requireAccess(actor, "child:read");
      return db.transaction().execute(async (trx) => {
        const repo = placementRepository(trx);
        const child = await repo.childFor(actor, "child:read", childId);
        if (!child) throw new AppError("not_found");
        const [episodes, placements, team, relations, households] = [
          await repo.episodes(childId),
          await repo.placements(childId),
          await repo.team(childId),
          await repo.relations(childId),
          await repo.households(child.site_id),
        ];
        const disclosure = await childDisclosure(trx, actor, childId);
        const showContact = disclosure?.readable.has("caregiver_contact") ?? false;
        await recordAudit(trx, actor, {
          action: "placement.history.read",
          entityType: "child",
          entityId: childId,
          siteId: child.site_id,
          fieldClasses: showContact ? ["placement", "caregiver_contact"] : ["placement"],
          purpose: purposeOfRead(disclosure?.reach ?? null),
          outcome: "success",
        });
        return {
          ...(showContact ? { caregiverContact: disclosure!.home } : {}),
          childId,
          icwa: child.icwa,
          episodes: episodes.map((e) => ({
            id: e.id,
            removalDate: e.removal_date,
            removalReason: e.removal_reason,
            exitDate: e.exit_date,
            exitReason: e.exit_reason,
            version: e.version,
            placements: placements
              .filter((p) => p.episode_id === e.id)
              .map((p) => ({
                id: p.id,
                householdId: p.household_id,
                householdName: p.household_name,
                setting: p.setting,
                startDate: p.start_date,
                endDate: p.end_date,
                changeKind: p.change_kind,
                requestedBy: p.change_requested_by,
                reason: p.change_reason,
                transitionSteps: (p.steps as { description: string; on: string }[] | null) ?? null,
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
          relations: relations.map((r) => ({
            personId: r.person_id,
            name: `${r.given_name} ${r.family_name}`,
            kind: r.kind,
          })),
          // The homes a child could be placed in are for those who place children, not for families.
          households: hasPermission(actor, "child:write", child.site_id)
            ? households.map((h) => ({ id: h.id, name: h.name, kind: h.kind }))
            : [],
        };
      });
    },

    /** A removal: opens an episode and its first placement, and creates the practice tasks. */
    async openEpisode(actor: Actor, childId: string, input: z.infer<typeof EpisodeCreate>) {
      return writeOnChild(actor, childId, async (trx, child) => {
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
        const episode = await trx
          .insertInto("removal_episode")
          .values({
            child_id: childId,
            site_id: child.site_id,
            removal_date: input.removalDate,
            removal_reason: input.removalReason,
            exit_date: null,
            exit_reason: null,
          })
          .returning(["id"])
          .executeTakeFirstOrThrow();
        const placed = await insertPlacement(trx, child, episode.id, input.placement, input.placement.changeKind);
        await recordAudit(trx, actor, {
          action: "episode.open",
          entityType: "removal_episode",
          entityId: episode.id,
          siteId: child.site_id,
          fieldClasses: ["placement"],
          outcome: "success",
        });
        return { episodeId: episode.id, ...placed };
      });
    },

    /** A move: closes the open placement the day the new one starts and opens the new one, atomically. */
    async move(actor: Actor, childId: string, input: z.infer<typeof PlacementMove>) {
      return writeOnChild(actor, childId, async (trx, child) => {
        const repo = placementRepository(trx);
        const open = await repo.openPlacement(childId);
        if (!open) throw new AppError("conflict", "practice.placement.not_in_care");
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
        await trx
          .updateTable("placement")
          .set((eb) => ({ end_date: input.startDate, version: eb("version", "+", 1) }))
          .where("id", "=", open.id)
          .execute();
        const placed = await insertPlacement(trx, child, open.episode_id, input, input.changeKind);
        if (input.changeKind === "planned" && input.transitionSteps.length) {
          await trx
            .insertInto("transition_plan")
            .values({
              placement_id: placed.placementId,
              steps: JSON.stringify(input.transitionSteps),
              created_by: actor.userId,
            })
            .execute();
        }
        await recordAudit(trx, actor, {
          action: "placement.move",
          entityType: "placement",
          entityId: placed.placementId,
          siteId: child.site_id,
          fieldClasses: ["placement"],
          outcome: "success",
        });
        return { episodeId: open.episode_id, ...placed };
      });
    },

    /** Leaving care: ends the open placement and the episode on the exit day. */
    async exitEpisode(actor: Actor, childId: string, episodeId: string, input: z.infer<typeof EpisodeExit>) {
      return writeOnChild(actor, childId, async (trx, child) => {
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
          if (input.exitDate < open.start_date) {
            throw new AppError("validation", "error.validation", {}, [
              {
                field: "exitDate",
                messageKey: "practice.episode.exit_before_placement",
                params: { startDate: open.start_date },
              },
            ]);
          }
          await trx
            .updateTable("placement")
            .set((eb) => ({ end_date: input.exitDate, version: eb("version", "+", 1) }))
            .where("id", "=", open.id)
            .execute();
        }
        await trx
          .updateTable("removal_episode")
          .set((eb) => ({ exit_date: input.exitDate, exit_reason: input.exitReason, version: eb("version", "+", 1) }))
          .where("id", "=", episodeId)
          .execute();
        await recordAudit(trx, actor, {
          action: "episode.exit",
          entityType: "removal_episode",
          entityId: episodeId,
          siteId: child.site_id,
          fieldClasses: ["placement"],
          outcome: "success",
        });
        return { episodeId, exitDate: input.exitDate };
      });
    },
  };
}
