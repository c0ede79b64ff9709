import { Worker } from "node:worker_threads";
import type { Kysely } from "kysely";
import { bulkCopyOf } from "../../../db/bulk-copy.js";
import type { Database } from "../../../db/database.js";
import type { AreaResults } from "../area-results.js";
import type { Period } from "../measures/types.js";
import { historyQueries, rowEstimates } from "../read/read-columns.js";
import { scheduleSnapshotRebuild, snapshotPlan, snapshotStreamQuery } from "../snapshot/store.js";
import { SnapshotRejected } from "../snapshot/stream.js";
import { type FromWorker, TABLES, type ToWorker } from "./protocol.js";

/**
 * The outcome compute worker, shared by every request of the process: one
 * thread, one job at a time (later jobs queue), so a national comparison never
 * runs on the event loop and at most one set of columns is in memory. The main
 * thread only forwards the tables' binary COPY chunks as they arrive; decoding,
 * assembly and the engine run in the worker. The forwarded bytes not yet taken
 * by the worker's decoder are bounded (FLOW_BYTES): the main thread waits.
 */
const FLOW_BYTES = 64 * 1024 * 1024;

interface Pending {
  resolve(results: AreaResults[]): void;
  reject(error: Error): void;
  outstanding: number;
  drained: (() => void) | null;
}

let worker: Worker | null = null;
let ready: Promise<void> = Promise.resolve();
const pending = new Map<number, Pending>();
let nextJob = 1;
let queue: Promise<unknown> = Promise.resolve();
/** The worker's heap and array buffers at the end of its last job, columns included (MB), for the benchmark. */
export let workerMemoryMb = 0;
/** How the last job read its histories, and its read and compute times in the worker (the benchmark, tests). */
export const lastJob = { path: "rows" as "rows" | "snapshot", readMs: 0, computeMs: 0 };
/** Jobs by path since the process started; snapshots refused (hash, counts) and areas read from rows instead. */
export const jobStats = { snapshot: 0, rows: 0, rejected: 0 };

function workerThread(): Worker {
  if (worker) return worker;
  const limit = Number(process.env.QPI_OUTCOMES_WORKER_HEAP_MB || 0);
  const started = new Worker(new URL("./worker-boot.mjs", import.meta.url), {
    execArgv: [],
    ...(limit > 0 ? { resourceLimits: { maxOldGenerationSizeMb: limit } } : {}),
  });
  ready = new Promise<void>((resolve, reject) => {
    started.once("message", () => resolve());
    started.once("error", reject);
  });
  ready.catch(() => undefined);
  started.on("message", (message: FromWorker) => {
    if (message.type === "ready") return;
    const job = pending.get(message.job);
    if (!job) return;
    if (message.type === "taken") {
      job.outstanding -= message.bytes;
      if (job.outstanding <= FLOW_BYTES && job.drained) {
        const drained = job.drained;
        job.drained = null;
        drained();
      }
      return;
    }
    pending.delete(message.job);
    // Idle, the worker keeps no process alive; with a job waiting on it, it does.
    if (pending.size === 0) started.unref();
    if (message.type === "done") {
      workerMemoryMb = message.heapMb;
      lastJob.readMs = message.readMs;
      lastJob.computeMs = message.computeMs;
      job.resolve(message.results as AreaResults[]);
    } else if (message.rejectedAreas) job.reject(new SnapshotRejected(message.message, message.rejectedAreas));
    else job.reject(new Error(`outcome computation failed: ${message.message}`));
  });
  const lost = (error: Error) => {
    if (worker === started) worker = null;
    for (const [id, job] of pending) {
      pending.delete(id);
      job.reject(error);
      job.drained?.();
    }
  };
  started.on("error", lost);
  started.on("exit", (code) => lost(new Error(`the outcome compute worker stopped (exit code ${code})`)));
  // After the listeners: adding a 'message' listener refs the worker's port again. The process may exit without it.
  started.unref();
  worker = started;
  return started;
}

/**
 * Starts the worker and waits until it has loaded (about a second: its TypeScript is compiled on load), so the
 * first request does not pay for it. The server calls it once listening.
 */
export async function warmComputeWorker(): Promise<void> {
  const thread = workerThread();
  thread.ref();
  try {
    await ready;
  } finally {
    if (pending.size === 0) thread.unref();
  }
}

/** Stops the worker (tests; a process exits without it: the worker is unref'd). */
export async function stopComputeWorker(): Promise<void> {
  const running = worker;
  worker = null;
  if (running) await running.terminate();
}

/** A fresh, whole ArrayBuffer for the chunk, so it can be transferred (a pg Buffer shares its pool). */
function ownBytes(chunk: Uint8Array): Uint8Array {
  if (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && !(chunk instanceof Buffer))
    return chunk;
  const copy = new Uint8Array(chunk.byteLength);
  copy.set(chunk);
  return copy;
}

/** Starts a job in the worker and forwards its COPY streams (by table index) with flow control. */
async function startJob(
  db: Kysely<Database>,
  start: Extract<ToWorker, { type: "start" | "start-snapshot" }>,
  queries: string[],
): Promise<AreaResults[]> {
  const copy = bulkCopyOf(db);
  if (!copy) throw new Error("outcome computations need the database openDatabase returned (they read by COPY)");
  const thread = workerThread();
  thread.ref();
  const id = start.job;
  const done = new Promise<AreaResults[]>((resolve, reject) => {
    pending.set(id, { resolve, reject, outstanding: 0, drained: null });
  });
  const post = (message: ToWorker, transfer: ArrayBuffer[] = []) => thread.postMessage(message, transfer);
  post(start);
  const forward = async (table: number) => {
    for await (const chunk of copy.copyOut(queries[table])) {
      const job = pending.get(id);
      if (!job) return;
      const bytes = ownBytes(chunk);
      job.outstanding += bytes.byteLength;
      post({ type: "chunk", job: id, table, bytes }, [bytes.buffer as ArrayBuffer]);
      if (job.outstanding > FLOW_BYTES) await new Promise<void>((resolve) => (job.drained = resolve));
    }
    post({ type: "end", job: id, table });
  };
  try {
    await Promise.all(queries.map((_, t) => forward(t)));
  } catch (error) {
    post({ type: "fail", job: id, message: error instanceof Error ? error.message : String(error) });
  }
  return done;
}

/** `QPI_OUTCOMES_SNAPSHOT=off` reads the rows every time (for comparison and diagnosis). */
const snapshotsOn = () => process.env.QPI_OUTCOMES_SNAPSHOT !== "off";

async function runJob(db: Kysely<Database>, areaIds: number[], periods: Period[]): Promise<AreaResults[]> {
  if (snapshotsOn() && areaIds.length) {
    const plan = await snapshotPlan(db, areaIds);
    if (plan.unusable.length === 0 && plan.areas.length) {
      try {
        const results = await startJob(db, { type: "start-snapshot", job: nextJob++, areas: plan.areas, periods }, [
          snapshotStreamQuery(plan.areas.map((a) => a.id)),
        ]);
        lastJob.path = "snapshot";
        jobStats.snapshot++;
        return results;
      } catch (error) {
        if (!(error instanceof SnapshotRejected)) throw error;
        jobStats.rejected++;
        console.warn(`${error.message}: reading the rows, rebuilding the snapshot`);
        scheduleSnapshotRebuild(db, error.areaIds);
      }
    } else scheduleSnapshotRebuild(db, plan.unusable);
  }
  const results = await runRowJob(db, areaIds, periods);
  lastJob.path = "rows";
  jobStats.rows++;
  return results;
}

async function runRowJob(db: Kysely<Database>, areaIds: number[], periods: Period[]): Promise<AreaResults[]> {
  const q = historyQueries({ areaIds });
  const specs = TABLES.map((t) => q[t]);
  const areas = await db
    .selectFrom("outcome_area")
    .select(["id", "code", "children"])
    .where("id", "in", areaIds.length ? areaIds : [-1])
    .orderBy("id")
    .execute();
  // Columns sized once: the planner's table counts scaled by the areas' share of the children (kept by the writers).
  const size = await rowEstimates(db);
  const all = await db
    .selectFrom("outcome_area")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("children"), eb.lit(0)).as("n"))
    .executeTakeFirst();
  const share = Math.min(1, areas.reduce((sum, a) => sum + a.children, 0) / Math.max(1, Number(all?.n ?? 0)));
  const capacities = ["outcome_child", "outcome_episode", "outcome_placement", "outcome_maltreatment_report"]
    .concat("outcome_home")
    .map((table) => Math.ceil((size[table] ?? 0) * share * 1.05) + 1024);
  return startJob(
    db,
    {
      type: "start",
      job: nextJob++,
      sites: areas.map((a) => a.code),
      siteIndex: areas.map((a, i) => [a.id, i]),
      columns: specs.map((s) => s.columns),
      capacities,
      periods,
    },
    specs.map((s) => s.sql),
  );
}

/**
 * Every measure for every period over the areas' children, computed in the worker. Jobs run one after another.
 */
export function computeInWorker(db: Kysely<Database>, areaIds: number[], periods: Period[]): Promise<AreaResults[]> {
  const result = queue.then(() => runJob(db, areaIds, periods));
  queue = result.catch(() => undefined);
  return result;
}
