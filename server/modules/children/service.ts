import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { childGate, inChildrenTransaction } from "./child-access.js";
import { childrenRepository } from "./repository.js";
import type { ChildAbilities, ChildListItem, ChildView } from "./schema.js";

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof childrenRepository>["findOne"]>>>;

function toListItem(row: Row): ChildListItem {
  return {
    id: row.id,
    siteId: row.site_id,
    caseNumber: row.case_number,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    birthDate: row.birth_date,
    inCare: row.setting !== null,
    currentSetting: row.setting,
    placedSince: row.start_date,
    upcomingMoveOn: row.upcoming_start_date ?? null,
  };
}

/** The permission each ability needs on this child (held, and reaching the child through its scope). */
const ABILITY_NEEDS = {
  readTasks: "practice:read",
  completeTasks: "practice:complete",
  recordPlacementChange: "child:write",
  editRecord: "child:write",
  manageTeam: "child:write",
  readHearings: "practice:read",
  recordHearing: "practice:complete",
  acknowledgeCourtReport: "practice:complete",
  submitCourtReport: "caregiver_report:submit",
  share: "child:share",
  readAccessLog: "audit:read",
} as const satisfies Record<keyof ChildAbilities, string>;

const ABILITY_PERMISSIONS = [...new Set(Object.values(ABILITY_NEEDS))];

function abilitiesFrom(reaching: ReadonlySet<string>): ChildAbilities {
  const entries = Object.entries(ABILITY_NEEDS).map(([ability, permission]) => [ability, reaching.has(permission)]);
  return Object.fromEntries(entries) as ChildAbilities;
}

/** `clock` is the app's injectable clock (deps.now); another module's caller without one gets the system clock. */
export function childrenService(db: Kysely<Database>, clock: () => Date = () => new Date()) {
  const withChild = childGate(db, clock);
  return {
    async list(actor: Actor, query: { q?: string; limit: number; offset: number }) {
      return inChildrenTransaction(db, actor, "child:list", async (trx) => {
        const { rows, total } = await childrenRepository(trx).list(actor, query);
        await recordAudit(trx, actor, {
          action: "child.list",
          entityType: "child",
          // Every child shown, compactly (uuid[] with a GIN index): "who saw child X" finds list reads too.
          entityIds: rows.map((r) => r.id),
          fieldClasses: ["identity"],
          outcome: "success",
        });
        return { children: rows.map(toListItem), total };
      });
    },

    /**
     * The children among `childIds` the actor may read — the children behind
     * an outcome figure, for staff who may open them. Runs in the caller's
     * transaction when given one, so the caller's audit and this one commit together.
     */
    async readMany(actor: Actor, childIds: string[], purpose: string): Promise<ChildListItem[]> {
      requireAccess(actor, "child:read");
      const read = async (trx: Kysely<Database>) => {
        const rows = await childrenRepository(trx).findMany(actor, "child:read", childIds);
        await recordAudit(trx, actor, {
          action: "child.read_many",
          entityType: "child",
          // Every child shown, compactly (uuid[] with a GIN index): "who saw child X" finds list reads too.
          entityIds: rows.map((r) => r.id),
          fieldClasses: ["identity"],
          purpose,
          outcome: "success",
        });
        return rows.map(toListItem);
      };
      return db.isTransaction ? read(db) : db.transaction().execute(read);
    },

    /** One child with the actor's abilities on the record; out of reach or not there at all: the same 404. */
    async get(actor: Actor, childId: string): Promise<ChildView> {
      const read = { fieldClasses: ["identity", "placement"] };
      return withChild(actor, "child:read", childId, read, async ({ trx, audit }) => {
        const repo = childrenRepository(trx);
        const row = (await repo.findOne(actor, "child:read", childId))!;
        const reaching = await repo.reachingPermissions(actor, childId, ABILITY_PERMISSIONS);
        await audit({ action: "child.read" });
        return { ...toListItem(row), abilities: abilitiesFrom(reaching) };
      });
    },
  };
}
