import type { Period } from "../measures/types.js";
import type { DecodedColumn } from "../read/copy-decoder.js";
import type { SnapshotCounts } from "../snapshot/format.js";

/** The five history tables, in the order the worker decodes them (read/read-columns.ts). */
export const TABLES = ["children", "episodes", "placements", "reports", "homes"] as const;

/** Main thread → worker. */
export type ToWorker =
  | {
      type: "start";
      job: number;
      sites: string[];
      /** [area id, site index] pairs. */
      siteIndex: [number, number][];
      columns: DecodedColumn[][];
      capacities: number[];
      periods: Period[];
    }
  /** The areas' snapshots, streamed as table 0 (snapshot/stream.ts); areas in id order with their counts. */
  | {
      type: "start-snapshot";
      job: number;
      areas: { id: number; code: string; counts: SnapshotCounts }[];
      periods: Period[];
    }
  | { type: "chunk"; job: number; table: number; bytes: Uint8Array }
  | { type: "end"; job: number; table: number }
  | { type: "fail"; job: number; message: string };

/** Worker → main thread. */
export type FromWorker =
  | { type: "ready"; job: 0 }
  | { type: "taken"; job: number; bytes: number }
  /** heapMb: the worker's heap and array buffers at the end of the job (the columns still held), MB. */
  | { type: "done"; job: number; results: unknown; heapMb: number; readMs: number; computeMs: number }
  /** rejectedAreas: snapshots that failed their hash or counts (the job is then run again from the rows). */
  | { type: "error"; job: number; message: string; rejectedAreas?: number[] };
