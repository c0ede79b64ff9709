import crypto from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import "./tables.js";

/** A job's work, done inside the transaction that holds the job's row lock. */
export type JobHandler = (trx: Transaction<Database>, now: Date) => Promise<Record<string, unknown>>;
/** Work to do after the job's transaction committed (sending mail): never inside it. */
export type AfterCommit = (db: Kysely<Database>) => Promise<void>;

const FOLLOW_UP = Symbol("followUp");

/**
 * A run's result with work to do once the run's transaction committed, knowing what the run did (e.g. the messages
 * it claimed). The follow-up is not part of the result recorded in job_run.
 */
export function withFollowUp(result: Record<string, unknown>, followUp: AfterCommit): Record<string, unknown> {
  return Object.assign({ ...result }, { [FOLLOW_UP]: followUp });
}

export interface JobDefinition {
  run: JobHandler;
  afterCommit?: AfterCommit;
}

/**
 * Database-backed scheduler. Each tick claims due jobs with
 * `FOR UPDATE SKIP LOCKED`: an instance that finds a row locked by another
 * skips it, and the claim, the work and the new next_run_at commit together,
 * so with any number of app instances each slot runs once. job_run's primary
 * key (job, slot) is the second fence: a slot can be recorded only once.
 */
export function createScheduler(
  db: Kysely<Database>,
  jobs: Record<string, JobDefinition>,
  runner = `${process.pid}-${crypto.randomBytes(3).toString("hex")}`,
) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function runOne(name: string, now: Date): Promise<boolean> {
    const job = jobs[name];
    if (!job) return false;
    const ran = await db.transaction().execute(async (trx) => {
      const claimed = await sql<{ name: string; next_run_at: Date; interval_secs: number }>`
        SELECT name, next_run_at, interval_secs FROM scheduled_job
        WHERE name = ${name} AND next_run_at <= ${now}
        FOR UPDATE SKIP LOCKED`.execute(trx);
      const row = claimed.rows[0];
      if (!row) return false;
      const slot = new Date(row.next_run_at);
      const inserted = await trx
        .insertInto("job_run")
        .values({ job_name: name, slot, runner, result: null, finished_at: null })
        .onConflict((oc) => oc.doNothing())
        .returning("job_name")
        .executeTakeFirst();
      if (!inserted) return false;
      const result = await job.run(trx, now);
      // The next slot is the first one after now, so a stopped platform does not replay missed slots.
      const intervalMs = row.interval_secs * 1000;
      const next = new Date(
        slot.getTime() + Math.max(1, Math.ceil((now.getTime() - slot.getTime() + 1) / intervalMs)) * intervalMs,
      );
      await trx
        .updateTable("scheduled_job")
        .set({ next_run_at: next, last_run_at: now })
        .where("name", "=", name)
        .execute();
      await trx
        .updateTable("job_run")
        .set({ finished_at: new Date(), result: JSON.stringify(result) as never })
        .where("job_name", "=", name)
        .where("slot", "=", slot)
        .execute();
      return { followUp: (result as { [FOLLOW_UP]?: AfterCommit })[FOLLOW_UP] };
    });
    if (!ran) return false;
    if (ran.followUp) await ran.followUp(db);
    if (job.afterCommit) await job.afterCommit(db);
    return true;
  }

  /** Runs every due job once; returns the names that ran here. */
  async function tick(now = new Date()): Promise<string[]> {
    const ran: string[] = [];
    for (const name of Object.keys(jobs)) if (await runOne(name, now)) ran.push(name);
    return ran;
  }

  return {
    runner,
    tick,
    start(everyMs = 30_000) {
      const loop = () => {
        running = tick()
          .catch((err) => console.error("[jobs] tick failed", err))
          .finally(() => {
            running = null;
            timer = setTimeout(loop, everyMs);
            timer.unref();
          });
      };
      timer = setTimeout(loop, 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
