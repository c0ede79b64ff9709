import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { heldPermissions, requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, type FieldProblem } from "../../platform/errors/app-error.js";
import { addCalendarDays, zonedDay } from "../../platform/rules/zoned-time.js";
import { placementRepository } from "./placement-repository.js";
import { createNextRepeat } from "./practice-tasks.js";
import { taskRepository } from "./task-repository.js";
import { completionByPractice, type TaskComplete, type TaskProgress, type TaskView } from "./task-schema.js";

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskRepository>["forChild"]>>[number];

export function toTaskView(row: TaskRow): TaskView {
  return {
    id: row.id,
    childId: row.child_id,
    childName: `${row.given_name} ${row.family_name}`,
    practice: row.practice,
    status: row.status,
    dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
    dueOn: row.due_on,
    overdue: Boolean(row.overdue),
    notRequiredReason: row.not_required_reason,
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    completedByName: row.completed_by_given ? `${row.completed_by_given} ${row.completed_by_family}` : null,
    onTime: row.on_time,
    outcome: row.outcome,
    details: (row.content ?? {}) as Record<string, unknown>,
    ruleSource: row.source_url,
    ruleNote: row.source_note,
    version: row.version,
  };
}

/** Zod issues of a practice's details as field problems under `details.`. */
function detailProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = ["details", ...issue.path.map(String)].join(".");
    if (issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined)
      return { field, messageKey: "validation.required" };
    if (issue.code === "invalid_value") return { field, messageKey: "validation.invalid_value" };
    if (issue.code === "unrecognized_keys")
      return { field: `${field}.${issue.keys.join(",")}`, messageKey: "validation.unrecognized_keys" };
    return { field, messageKey: "validation.custom" };
  });
}

export function taskService(db: Kysely<Database>) {
  async function lockedOpenTask(trx: Kysely<Database>, actor: Actor, taskId: string, version: number) {
    const row = await taskRepository(trx).one(actor, "practice:complete", taskId);
    if (!row) throw new AppError("not_found");
    const task = await taskRepository(trx).lockTask(taskId);
    if (task.status === "completed") throw new AppError("conflict", "practice.task.already_completed");
    if (task.status !== "open") throw new AppError("conflict", "practice.task.not_open");
    if (task.version !== version) throw new AppError("conflict", "practice.task.stale");
    return { row, task };
  }

  return {
    async forChild(actor: Actor, childId: string) {
      requireAccess(actor, "practice:read");
      return db.transaction().execute(async (trx) => {
        // A child out of reach answers 404 like its other records, not an empty list.
        const child = await placementRepository(trx).childFor(actor, "practice:read", childId);
        if (!child) throw new AppError("not_found");
        const rows = await taskRepository(trx).forChild(actor, childId);
        await recordAudit(trx, actor, {
          action: "practice_task.list",
          entityType: "child",
          entityId: childId,
          siteId: child.site_id,
          fieldClasses: ["practice"],
          outcome: "success",
        });
        return { tasks: rows.map(toTaskView) };
      });
    },

    async complete(actor: Actor, taskId: string, input: z.infer<typeof TaskComplete>) {
      requireAccess(actor, "practice:complete");
      return db.transaction().execute(async (trx) => {
        const { row, task } = await lockedOpenTask(trx, actor, taskId, input.version);
        const parsed = completionByPractice[task.practice].safeParse({ ...(task.content as object), ...input.details });
        if (!parsed.success) throw new AppError("validation", "error.validation", {}, detailProblems(parsed.error));
        const completedAt = input.completedAt ? new Date(input.completedAt) : new Date();
        if (completedAt.getTime() > Date.now() + 5 * 60_000) {
          throw new AppError("validation", "error.validation", {}, [
            { field: "completedAt", messageKey: "validation.custom" },
          ]);
        }
        const { outcome, ...content } = parsed.data as { outcome: string } & Record<string, unknown>;
        await trx
          .updateTable("practice_task")
          .set((eb) => ({
            status: "completed",
            completed_at: completedAt,
            completed_by: actor.userId,
            outcome,
            content: JSON.stringify(content),
            version: eb("version", "+", 1),
          }))
          .where("id", "=", taskId)
          .execute();
        if (outcome === "held" || outcome === "cancelled")
          await createNextRepeat(trx as never, task, zonedDay(completedAt, row.time_zone));
        await recordAudit(trx, actor, {
          action: "practice_task.complete",
          entityType: "practice_task",
          entityId: taskId,
          siteId: task.site_id,
          fieldClasses: ["practice"],
          outcome: "success",
        });
        const updated = await taskRepository(trx).one(actor, "practice:complete", taskId);
        return toTaskView(updated!);
      });
    },

    /** Saves progress on an open task (an icebreaker scheduled, its participants) without completing it. */
    async saveProgress(actor: Actor, taskId: string, input: z.infer<typeof TaskProgress>) {
      requireAccess(actor, "practice:complete");
      return db.transaction().execute(async (trx) => {
        const { task } = await lockedOpenTask(trx, actor, taskId, input.version);
        const schema = completionByPractice[task.practice] as z.ZodObject;
        const parsed = schema.partial().safeParse({ ...(task.content as object), ...input.details });
        if (!parsed.success) throw new AppError("validation", "error.validation", {}, detailProblems(parsed.error));
        const { outcome: _ignored, ...content } = parsed.data as Record<string, unknown>;
        await trx
          .updateTable("practice_task")
          .set((eb) => ({ content: JSON.stringify(content), version: eb("version", "+", 1) }))
          .where("id", "=", taskId)
          .execute();
        await recordAudit(trx, actor, {
          action: "practice_task.progress",
          entityType: "practice_task",
          entityId: taskId,
          siteId: task.site_id,
          fieldClasses: ["practice"],
          outcome: "success",
        });
        return toTaskView((await taskRepository(trx).one(actor, "practice:complete", taskId))!);
      });
    },

    async worklist(actor: Actor, withinDays: number) {
      requireAccess(actor, "practice:read");
      return db.transaction().execute(async (trx) => {
        const rows = await taskRepository(trx).worklist(actor, withinDays);
        await recordAudit(trx, actor, {
          action: "practice_task.worklist",
          entityType: "practice_task",
          entityId: null,
          outcome: "success",
        });
        return { tasks: rows.map(toTaskView) };
      });
    },

    /**
     * Timeliness per practice per unit at the sites where the actor may report.
     * `period` narrows it to the tasks due within those days at one site (the
     * outcomes report's 12-month period).
     */
    async timeliness(
      actor: Actor,
      days: number,
      today = new Date().toISOString().slice(0, 10),
      period?: { from: string; to: string; siteId: string },
    ) {
      requireAccess(actor, "practice:report");
      const sites = [...new Set(heldPermissions(actor, "practice:report").map((p) => p.siteId))].filter(
        (s) => !period || s === period.siteId,
      );
      const since = period?.from ?? addCalendarDays(today, -days);
      return db.transaction().execute(async (trx) => {
        const rows = await taskRepository(trx).timeliness(sites, since, period?.to);
        await recordAudit(trx, actor, {
          action: "practice.timeliness",
          entityType: "practice_task",
          outcome: "success",
        });
        return {
          since,
          rows: rows.map((r) => ({
            unitId: r.unit_id,
            unitName: r.unit_name,
            practice: r.practice as TaskView["practice"],
            onTime: r.on_time,
            late: r.late,
            overdue: r.overdue,
            pending: r.pending,
            notRequired: r.not_required,
            onTimeRate:
              r.on_time + r.late + r.overdue > 0
                ? Math.round((1000 * r.on_time) / (r.on_time + r.late + r.overdue)) / 1000
                : null,
          })),
        };
      });
    },
  };
}
