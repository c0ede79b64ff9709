import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { heldPermissions, requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, type FieldProblem } from "../../platform/errors/app-error.js";
import { fieldProblemOfZodIssue, type ZodIssueLike } from "../../platform/errors/zod-problems.js";
import { addCalendarDays, zonedDay } from "../../platform/rules/zoned-time.js";
import { usersByIds } from "../identity/index.js";
import { childGate, inChildrenTransaction } from "./child-access.js";
import { createNextRepeat } from "./practice-tasks.js";
import { type TaskFilter, taskRepository } from "./task-repository.js";
import {
  completionOf,
  type TaskComplete,
  type TaskProgress,
  type TaskView,
  type WorklistQuery,
} from "./task-schema.js";

/** The most tasks one worklist answer lists; `total` still counts them all. */
const WORKLIST_LIMIT = 500;

/** The worklist's URL filters as the repository's task filter ("none": children without a caseworker). */
const filterOf = (query: z.infer<typeof WorklistQuery>): TaskFilter => ({
  window: query.window,
  practice: query.practice,
  childId: query.childId,
  caseworkerId: query.caseworker === "none" ? null : query.caseworker,
});

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskRepository>["forChild"]>>[number];

/** Names of the users who completed the tasks, from the identity module. */
type Completers = Map<string, { name: string }>;

const completersOf = (db: Kysely<Database>, rows: TaskRow[]) =>
  usersByIds(
    db,
    rows.flatMap((r) => (r.completed_by ? [r.completed_by] : [])),
  );

function toTaskView(row: TaskRow, completers: Completers): TaskView {
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
    completedByName: row.completed_by ? (completers.get(row.completed_by)?.name ?? null) : null,
    onTime: row.on_time,
    outcome: row.outcome,
    details: (row.content ?? {}) as Record<string, unknown>,
    practiceLabel: { en: row.practice_label_en, es: row.practice_label_es },
    completion: row.completion,
    ruleSource: row.source_url,
    ruleNote: row.source_note,
    ruleNoteEs: row.source_note_es,
    ruleLayer: row.rule_layer,
    version: row.version,
    timeZone: row.time_zone,
    caseworkerId: row.caseworker_id,
  };
}

/** Zod issues of a practice's details as field problems under `details.`. */
function detailProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const problem = fieldProblemOfZodIssue(issue as ZodIssueLike, ["details"]);
    // An outcome is chosen, never preselected: missing or not one of the practice's, the message names its label.
    return problem.field === "details.outcome"
      ? { field: problem.field, messageKey: "practice.task.outcome_required" }
      : problem;
  });
}

/** `clock` is the app's injectable clock (deps.now); another module's caller without one gets the system clock. */
export function taskService(db: Kysely<Database>, clock: () => Date = () => new Date()) {
  const withChild = childGate(db, clock);

  /** The task behind `taskId`, open, at the version the actor saw, locked; its child reached with practice:complete. */
  async function lockedOpenTask(trx: Kysely<Database>, now: Date, taskId: string, version: number) {
    const task = await taskRepository(trx, now).lockTask(taskId);
    if (task.status === "completed") throw new AppError("conflict", "practice.task.already_completed");
    if (task.status !== "open") throw new AppError("conflict", "practice.task.not_open");
    if (task.version !== version) throw new AppError("conflict", "practice.task.stale");
    return task;
  }

  async function viewOf(trx: Kysely<Database>, now: Date, actor: Actor, taskId: string) {
    const row = (await taskRepository(trx, now).one(actor, "practice:complete", taskId))!;
    return toTaskView(row, await completersOf(trx, [row]));
  }

  const write = { fieldClasses: ["practice"] };

  return {
    async forChild(actor: Actor, childId: string) {
      // A child out of reach answers 404 like its other records, not an empty list.
      return withChild(actor, "practice:read", childId, write, async ({ trx, now, audit }) => {
        const rows = await taskRepository(trx, now).forChild(actor, childId);
        await audit({ action: "practice_task.list" });
        const completers = await completersOf(trx, rows);
        return { tasks: rows.map((r) => toTaskView(r, completers)) };
      });
    },

    async complete(actor: Actor, taskId: string, input: z.infer<typeof TaskComplete>) {
      const target = { taskId };
      return withChild(actor, "practice:complete", target, write, async ({ trx, child, now, audit }) => {
        const task = await lockedOpenTask(trx, now, taskId, input.version);
        // The partnership plan is done when both parties have signed it, never by ticking the task.
        if (task.completion === "signatures") throw new AppError("conflict", "practice.task.completed_by_signatures");
        const parsed = completionOf(task.practice).safeParse({ ...(task.content as object), ...input.details });
        if (!parsed.success) throw new AppError("validation", "error.validation", {}, detailProblems(parsed.error));
        const completedAt = input.completedAt ? new Date(input.completedAt) : now;
        if (completedAt.getTime() > now.getTime() + 5 * 60_000) {
          throw new AppError("validation", "error.validation", {}, [
            { field: "completedAt", messageKey: "validation.custom" },
          ]);
        }
        const { outcome, ...content } = parsed.data as { outcome: string } & Record<string, unknown>;
        await taskRepository(trx, now).complete(taskId, { at: completedAt, by: actor.userId, outcome, content });
        if (outcome === "held" || outcome === "cancelled")
          await createNextRepeat(trx, task, zonedDay(completedAt, child.time_zone));
        await audit({ action: "practice_task.complete", entityType: "practice_task", entityId: taskId });
        return viewOf(trx, now, actor, taskId);
      });
    },

    /** Saves progress on an open task (an icebreaker scheduled, its participants) without completing it. */
    async saveProgress(actor: Actor, taskId: string, input: z.infer<typeof TaskProgress>) {
      const target = { taskId };
      return withChild(actor, "practice:complete", target, write, async ({ trx, now, audit }) => {
        const task = await lockedOpenTask(trx, now, taskId, input.version);
        const schema = completionOf(task.practice) as z.ZodObject;
        const parsed = schema.partial().safeParse({ ...(task.content as object), ...input.details });
        if (!parsed.success) throw new AppError("validation", "error.validation", {}, detailProblems(parsed.error));
        const { outcome: _ignored, ...content } = parsed.data as Record<string, unknown>;
        await taskRepository(trx, now).saveContent(taskId, content);
        await audit({ action: "practice_task.progress", entityType: "practice_task", entityId: taskId });
        return viewOf(trx, now, actor, taskId);
      });
    },

    async worklist(actor: Actor, query: z.infer<typeof WorklistQuery>) {
      const now = clock();
      const filter = filterOf(query);
      return inChildrenTransaction(db, actor, "practice:read", async (trx) => {
        const repo = taskRepository(trx, now);
        const rows = await repo.worklist(actor, filter, WORKLIST_LIMIT);
        // Counted apart only when the list was cut at its limit: a worklist is one query otherwise.
        const total =
          rows.length < WORKLIST_LIMIT
            ? rows.length
            : (await repo.counts(actor, filter)).byPractice.reduce((sum, r) => sum + r.count, 0);
        await recordAudit(trx, actor, {
          action: "practice_task.worklist",
          entityType: "practice_task",
          entityId: null,
          outcome: "success",
        });
        const completers = await completersOf(trx, rows);
        return { window: query.window, tasks: rows.map((r) => toTaskView(r, completers)), total };
      });
    },

    /** The worklist's figures per caseworker and per practice, for the same scope and window as the worklist. */
    async worklistCounts(actor: Actor, window: TaskFilter["window"]) {
      const now = clock();
      return inChildrenTransaction(db, actor, "practice:read", async (trx) => {
        const counts = await taskRepository(trx, now).counts(actor, { window });
        await recordAudit(trx, actor, {
          action: "practice_task.worklist",
          entityType: "practice_task",
          entityId: null,
          outcome: "success",
        });
        return {
          window,
          total: counts.byPractice.reduce((sum, r) => sum + r.count, 0),
          byCaseworker: counts.byCaseworker.map((r) => ({
            caseworkerId: r.person_id,
            name: r.person_id ? `${r.given_name} ${r.family_name}` : null,
            count: r.count,
          })),
          byPractice: counts.byPractice.map((r) => ({ practice: r.practice, count: r.count })),
        };
      });
    },

    /**
     * Timeliness per practice per unit at the sites where the actor may report,
     * over the last `days` days of each site's calendar (`today`, when given,
     * fixes the day instead). `period` narrows it to the tasks due within those
     * days at one site (the outcomes report's 12-month period).
     */
    async timeliness(
      actor: Actor,
      days: number,
      today?: string,
      period?: { from: string; to: string; siteId: string },
    ) {
      requireAccess(actor, "practice:report");
      const sites = [...new Set(heldPermissions(actor, "practice:report").map((p) => p.siteId))].filter(
        (s) => !period || s === period.siteId,
      );
      const now = clock();
      return inChildrenTransaction(db, actor, "practice:report", async (trx) => {
        const repo = taskRepository(trx, now);
        const window: { since: string; until?: string } | { days: number } = period
          ? { since: period.from, until: period.to }
          : today
            ? { since: addCalendarDays(today, -days) }
            : { days };
        const since =
          "since" in window
            ? window.since
            : addCalendarDays(sites.length ? await repo.earliestSiteDay(sites) : zonedDay(now, "UTC"), -days);
        const rows = await repo.timeliness(sites, window);
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
