import { parentPort } from "node:worker_threads";
import { sourcesOf } from "../area-sources.js";
import type { HistoryColumns } from "../history/columns.js";
import { computeMeasures } from "../measures/engine.js";
import { decodeBinaryCopy } from "../read/copy-decoder.js";
import { assembleColumns } from "../read/read-columns.js";
import { assembleFromSnapshotStream, SnapshotRejected } from "../snapshot/stream.js";
import type { FromWorker, ToWorker } from "./protocol.js";

/**
 * The outcome compute worker (compute-pool.ts): decodes the history tables' binary COPY streams as the main thread
 * forwards them, assembles the columns, runs the measures engine and posts the results back. One job at a time.
 */

/** An async iterable fed by messages: the decoder pulls, the port pushes. */
class ChunkQueue implements AsyncIterable<Uint8Array> {
  private chunks: Uint8Array[] = [];
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  constructor(private readonly onTaken: (bytes: number) => void) {}
  push(bytes: Uint8Array) {
    this.chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.poke();
  }
  end() {
    this.ended = true;
    this.poke();
  }
  fail(error: Error) {
    this.failure = error;
    this.poke();
  }
  private poke() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
  async *[Symbol.asyncIterator]() {
    for (;;) {
      if (this.failure) throw this.failure;
      const next = this.chunks.shift();
      if (next) {
        this.onTaken(next.byteLength);
        yield next;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}

const port = parentPort;
if (!port) throw new Error("compute-worker.ts runs in a worker thread");
const post = (message: FromWorker) => port.postMessage(message);
const queues = new Map<number, ChunkQueue[]>();

type Start = Extract<ToWorker, { type: "start" | "start-snapshot" }>;

async function run(start: Start) {
  const count = start.type === "start" ? start.columns.length : 1;
  const tables = Array.from(
    { length: count },
    () => new ChunkQueue((bytes) => post({ type: "taken", job: start.job, bytes })),
  );
  queues.set(start.job, tables);
  try {
    const began = performance.now();
    let columns: HistoryColumns;
    if (start.type === "start-snapshot") columns = await assembleFromSnapshotStream(tables[0], start.areas);
    else {
      const [children, episodes, placements, reports, homes] = await Promise.all(
        tables.map((queue, t) => decodeBinaryCopy(queue, start.columns[t], start.capacities[t])),
      );
      columns = assembleColumns(start.sites, new Map(start.siteIndex), children, episodes, placements, reports, homes);
    }
    const read = performance.now();
    const sources = sourcesOf(columns);
    const results = computeMeasures(columns, start.periods).map((r) => ({ ...r, sites: columns.sites, sources }));
    const computeMs = Math.round(performance.now() - read);
    const memory = process.memoryUsage();
    const heapMb = Math.round((memory.heapUsed + memory.arrayBuffers) / 1048576);
    post({ type: "done", job: start.job, results, heapMb, readMs: Math.round(read - began), computeMs });
  } catch (error) {
    post({
      type: "error",
      job: start.job,
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof SnapshotRejected ? { rejectedAreas: error.areaIds } : {}),
    });
  } finally {
    queues.delete(start.job);
  }
}

port.on("message", (message: ToWorker) => {
  if (message.type === "start" || message.type === "start-snapshot") {
    void run(message);
    return;
  }
  const tables = queues.get(message.job);
  if (!tables) return;
  if (message.type === "chunk") tables[message.table].push(message.bytes);
  else if (message.type === "end") tables[message.table].end();
  else for (const queue of tables) queue.fail(new Error(message.message));
});
post({ type: "ready", job: 0 });
