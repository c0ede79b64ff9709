import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { hasPermission, requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { planRepository } from "./plan-repository.js";
import type {
  ActionItemCreate,
  ActionStatusChange,
  BarrierCreate,
  BarrierStatusChange,
  ImproveDashboard,
  WorkGroupCreate,
} from "./plan-schema.js";

const stale = () => new AppError("conflict", "improve.plan_changed");
const siteIdsWith = (actor: Actor) => [...new Set(requireAccess(actor, "improve:manage").map((p) => p.siteId))];

/**
 * Barriers, work groups and action items of a site, and the steering committee's dashboard. Reading needs
 * improve:read at the site, recording improve:manage (the QPI coordinator); another site's records answer 404.
 * Every read and change is audited in its transaction.
 */
export function planService(db: Kysely<Database>) {
  return {
    async dashboard(actor: Actor, siteId: string): Promise<z.infer<typeof ImproveDashboard>> {
      requireAccess(actor, "improve:read", { siteId });
      const today = actor.siteDays[siteId];
      return db.transaction().execute(async (trx) => {
        const repo = planRepository(trx);
        const [groups, barriers, items] = [
          await repo.workGroups(siteId),
          await repo.barriers(siteId),
          await repo.actionItems(siteId),
        ];
        await recordAudit(trx, actor, {
          action: "improve.dashboard",
          entityType: "barrier",
          entityIds: barriers.map((b) => b.id),
          siteId,
          outcome: "success",
        });
        const groupName = new Map(groups.map((g) => [g.id, g.name]));
        const overdue = (i: (typeof items)[number]) => i.status !== "done" && i.due_on < today;
        return {
          today,
          counts: {
            barriersOpen: barriers.filter((b) => b.status === "open").length,
            barriersResolved: barriers.filter((b) => b.status === "resolved").length,
            actionsOnTime: items.filter((i) => i.status !== "done" && !overdue(i)).length,
            actionsOverdue: items.filter(overdue).length,
            actionsDone: items.filter((i) => i.status === "done").length,
          },
          workGroups: groups,
          barriers: barriers.map((b) => ({
            id: b.id,
            title: b.title,
            source: b.source,
            status: b.status,
            raisedOn: b.raised_on,
            resolvedOn: b.resolved_on,
            workGroup: b.work_group_id ? (groupName.get(b.work_group_id) ?? null) : null,
            measureIds: b.measure_ids,
            version: b.version,
            actions: items
              .filter((i) => i.barrier_id === b.id)
              .map((i) => ({
                id: i.id,
                title: i.title,
                owner: i.owner,
                workGroup: i.work_group_id ? (groupName.get(i.work_group_id) ?? null) : null,
                dueOn: i.due_on,
                status: i.status,
                doneOn: i.done_on,
                overdue: overdue(i),
                version: i.version,
              })),
          })),
          mayManage: hasPermission(actor, "improve:manage", siteId),
        };
      });
    },

    async addWorkGroup(actor: Actor, siteId: string, input: z.infer<typeof WorkGroupCreate>) {
      requireAccess(actor, "improve:manage", { siteId });
      return db.transaction().execute(async (trx) => {
        const { id } = await planRepository(trx).insertWorkGroup({
          site_id: siteId,
          name: input.workGroupName,
          kind: input.workGroupKind,
        });
        await recordAudit(trx, actor, {
          action: "work_group.create",
          entityType: "work_group",
          entityId: id,
          siteId,
          outcome: "success",
        });
        return { id };
      });
    },

    async addBarrier(actor: Actor, siteId: string, input: z.infer<typeof BarrierCreate>) {
      requireAccess(actor, "improve:manage", { siteId });
      return db.transaction().execute(async (trx) => {
        const repo = planRepository(trx);
        if (!(await repo.ofSite(siteId, input))) throw notFound();
        const { id } = await repo.insertBarrier({
          site_id: siteId,
          title: input.barrierTitle,
          source: input.source,
          concern_id: input.concernId ?? null,
          survey_id: input.surveyId ?? null,
          work_group_id: input.workGroupId ?? null,
          measure_ids: input.measureIds,
          raised_on: actor.siteDays[siteId],
        });
        await recordAudit(trx, actor, {
          action: "barrier.create",
          entityType: "barrier",
          entityId: id,
          siteId,
          outcome: "success",
        });
        return { id };
      });
    },

    async setBarrierStatus(actor: Actor, barrierId: string, input: z.infer<typeof BarrierStatusChange>) {
      const siteIds = siteIdsWith(actor);
      return db.transaction().execute(async (trx) => {
        const repo = planRepository(trx);
        const barrier = await repo.barrierIn(barrierId, siteIds);
        if (!barrier) throw notFound();
        if (barrier.version !== input.version) throw stale();
        const on = input.barrierStatus === "resolved" ? actor.siteDays[barrier.site_id] : null;
        if (!(await repo.setBarrierStatus(barrier.id, barrier.version, input.barrierStatus, on))) throw stale();
        await recordAudit(trx, actor, {
          action: "barrier.update",
          entityType: "barrier",
          entityId: barrier.id,
          siteId: barrier.site_id,
          outcome: "success",
        });
        return { id: barrier.id, version: barrier.version + 1 };
      });
    },

    async addActionItem(actor: Actor, barrierId: string, input: z.infer<typeof ActionItemCreate>) {
      const siteIds = siteIdsWith(actor);
      return db.transaction().execute(async (trx) => {
        const repo = planRepository(trx);
        const barrier = await repo.barrierIn(barrierId, siteIds);
        if (!barrier) throw notFound();
        if (!(await repo.ofSite(barrier.site_id, { workGroupId: input.workGroupId }))) throw notFound();
        const { id } = await repo.insertActionItem({
          site_id: barrier.site_id,
          barrier_id: barrier.id,
          work_group_id: input.workGroupId ?? barrier.work_group_id,
          title: input.actionTitle,
          owner: input.owner,
          due_on: input.dueOn,
        });
        await recordAudit(trx, actor, {
          action: "action_item.create",
          entityType: "action_item",
          entityId: id,
          siteId: barrier.site_id,
          outcome: "success",
        });
        return { id };
      });
    },

    async setActionStatus(actor: Actor, actionItemId: string, input: z.infer<typeof ActionStatusChange>) {
      const siteIds = siteIdsWith(actor);
      return db.transaction().execute(async (trx) => {
        const repo = planRepository(trx);
        const item = await repo.actionItemIn(actionItemId, siteIds);
        if (!item) throw notFound();
        if (item.version !== input.version) throw stale();
        const on = input.actionStatus === "done" ? actor.siteDays[item.site_id] : null;
        if (!(await repo.setActionStatus(item.id, item.version, input.actionStatus, on))) throw stale();
        await recordAudit(trx, actor, {
          action: "action_item.update",
          entityType: "action_item",
          entityId: item.id,
          siteId: item.site_id,
          outcome: "success",
        });
        return { id: item.id, version: item.version + 1 };
      });
    },
  };
}
