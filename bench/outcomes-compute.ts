import { openDatabase } from "../server/db/engine.js";
import type { VisibleArea } from "../server/modules/outcomes/area-context.js";
import { computeForAreas } from "../server/modules/outcomes/area-results.js";
import {
  lastJob,
  stopComputeWorker,
  warmComputeWorker,
  workerMemoryMb,
} from "../server/modules/outcomes/compute/compute-pool.js";
import { periodStarting } from "../server/modules/outcomes/measures/engine.js";

/**
 * One national computation (every area, one period) through the compute worker, in a process of its own so its peak
 * memory is its own: `node --import tsx bench/outcomes-compute.ts <database url> <period start day>`. The path is the
 * snapshot's, or the rows' with QPI_OUTCOMES_SNAPSHOT=off. Prints one JSON line.
 */
const [url, day] = process.argv.slice(2);
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
const sampler = setInterval(sample, 20);
const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
try {
  await warmComputeWorker();
  const areas = (await database.db.selectFrom("outcome_area").select("id").execute()) as VisibleArea[];
  const base = process.memoryUsage.rss();
  const started = performance.now();
  await computeForAreas(database.db, areas, [periodStarting(Number(day))]);
  const seconds = (performance.now() - started) / 1000;
  sample();
  console.log(
    JSON.stringify({
      path: lastJob.path,
      seconds: Math.round(seconds * 100) / 100,
      read_seconds: Math.round(lastJob.readMs / 10) / 100,
      compute_seconds: Math.round(lastJob.computeMs / 10) / 100,
      worker_memory_mb: workerMemoryMb,
      peak_rss_mb: Math.round(peak / 1e6),
      idle_rss_mb: Math.round(base / 1e6),
    }),
  );
} finally {
  clearInterval(sampler);
  await stopComputeWorker();
  await database.close();
}
