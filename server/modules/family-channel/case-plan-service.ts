import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { notFound } from "../../platform/errors/app-error.js";
import { childGate } from "../children/index.js";
import { channelRepository } from "./repository.js";
import type { CasePlanTasks, ProgressInput, TaskInput, TaskShareInput } from "./schema.js";

type Repo = ReturnType<typeof channelRepository>;
type TaskRow = NonNullable<Awaited<ReturnType<Repo["task"]>>>;

async function withUpdates(repo: Repo, rows: TaskRow[]): Promise<z.infer<typeof CasePlanTasks>["tasks"]> {
  const updates = await repo.taskUpdates(rows.map((r) => r.id));
  return rows.map((t) => ({
    id: t.id,
    kind: t.kind,
    title: t.title,
    dueOn: t.due_on ? String(t.due_on) : null,
    status: t.status,
    sharedWithParent: t.shared_with_parent,
    updates: updates
      .filter((u) => u.task_id === t.id)
      .map((u) => ({
        status: u.status,
        note: u.note,
        byName: `${u.given_name} ${u.family_name}`,
        at: new Date(u.created_at).toISOString(),
      })),
  }));
}

/**
 * Case-plan tasks the agency shares with the birth parent (services, visits, classes): the child's staff keep them
 * and choose which the parent sees (case_plan:manage); the parent sees only those, with due dates, and marks progress
 * with a note (case_plan:progress, own child only); the caseworker reads every update. Access check first, audited.
 */
export function casePlanService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);

  /** The parent's gate: their own child, as its birth parent or legal guardian (not through another role). */
  const asParent = <T>(actor: Actor, childId: string, work: Parameters<typeof withChild<T>>[4]) =>
    withChild<T>(actor, "case_plan:progress", childId, { lock: true }, async (ctx) => {
      const parents = await channelRepository(ctx.trx).parentsOf(ctx.child.id);
      if (!parents.some((p) => p.id === actor.personId)) throw notFound();
      return work(ctx);
    });

  return {
    async staffTasks(actor: Actor, childId: string) {
      return withChild(actor, "case_plan:manage", childId, {}, async ({ trx, child, audit }) => {
        const repo = channelRepository(trx);
        const tasks = await withUpdates(repo, await repo.tasks(child.id, false));
        await audit({ action: "case_plan.read" });
        return { tasks };
      });
    },

    async createTask(actor: Actor, childId: string, input: z.infer<typeof TaskInput>) {
      return withChild(actor, "case_plan:manage", childId, { lock: true }, async ({ trx, child, audit }) => {
        const repo = channelRepository(trx);
        const row = await repo.insertTask({
          child_id: child.id,
          site_id: child.site_id,
          kind: input.kind,
          title: input.title,
          due_on: input.dueOn ?? null,
          shared_with_parent: input.sharedWithParent,
          created_by: actor.userId,
        });
        await audit({ action: "case_plan.create", entityType: "case_plan_task", entityId: row.id });
        const task = (await repo.task(child.id, row.id))!;
        return (await withUpdates(repo, [task]))[0];
      });
    },

    async shareTask(actor: Actor, childId: string, taskId: string, input: z.infer<typeof TaskShareInput>) {
      return withChild(actor, "case_plan:manage", childId, { lock: true }, async ({ trx, child, audit }) => {
        const repo = channelRepository(trx);
        const task = await repo.task(child.id, taskId);
        if (!task) throw notFound();
        await repo.setTaskShared(task.id, input.sharedWithParent);
        await audit({ action: "case_plan.share", entityType: "case_plan_task", entityId: task.id });
        return (await withUpdates(repo, [(await repo.task(child.id, task.id))!]))[0];
      });
    },

    async parentTasks(actor: Actor, childId: string) {
      return asParent(actor, childId, async ({ trx, child, audit }) => {
        const repo = channelRepository(trx);
        const tasks = await withUpdates(repo, await repo.tasks(child.id, true));
        await audit({ action: "case_plan.parent_read" });
        return { tasks };
      });
    },

    async progress(actor: Actor, childId: string, taskId: string, input: z.infer<typeof ProgressInput>) {
      return asParent(actor, childId, async ({ trx, child, audit }) => {
        const repo = channelRepository(trx);
        const task = await repo.task(child.id, taskId);
        if (!task?.shared_with_parent) throw notFound();
        await repo.recordProgress(task.id, actor.userId, input.status, input.note ? input.note : null);
        await audit({ action: "case_plan.progress", entityType: "case_plan_task", entityId: task.id });
        return (await withUpdates(repo, [(await repo.task(child.id, task.id))!]))[0];
      });
    },
  };
}
