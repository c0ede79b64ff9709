import fs from "node:fs";
import { type Kysely, sql } from "kysely";
import { bulkCopyOf, type CopySession } from "../../../db/bulk-copy.js";
import type { Database } from "../../../db/database.js";
import { type AnyActor, systemActor } from "../../../platform/access/actor.js";
import { recordAudit } from "../../../platform/audit/audit-log.js";
import { siteDirectory } from "../../network/index.js";
import { bumpDataVersion } from "../data-version.js";
import { writeAreaSnapshots } from "../snapshot/store.js";
import type { FileCounts } from "../tables.js";
import { AreaRegistry, ensureSiteArea } from "./area-registry.js";
import { DeferredIndexes } from "./bulk-indexes.js";
import type { Column } from "./copy-targets.js";
import { HistoryLoader } from "./history-loader.js";
import {
  bundleSha256,
  finishBatch,
  type ImportFormat,
  latestCompletedBatch,
  recordFailedBatch,
  startBatch,
} from "./import-batch.js";
import { type ImportProgress, ProgressMeter } from "./progress.js";
import { ImportFailed, type RejectedRow, RejectLog } from "./rejects.js";
import type { FileChanges } from "./resubmission.js";
import { takeOutcomeWriterLock } from "./writer-lock.js";

export interface ImportOptions {
  /** Every row goes to this platform site's area; the files' site and state columns may then be left out. */
  siteCode?: string;
  /**
   * Rejected rows allowed before the whole batch is refused (default 0: a batch is written only when every row is
   * valid).
   */
  maxRejects?: number;
  /**
   * The share of a file's stored rows (per cent of its table's rows in the batch's areas) the batch may remove
   * (default 1); above it the batch is refused, unless `allowRemovals`.
   */
  maxRemovalsPercent?: number;
  /** Write the batch whatever it removes. */
  allowRemovals?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  actor?: AnyActor;
}

export interface ImportResult {
  status: "completed" | "unchanged" | "failed";
  /** The batch written or recorded as failed; for "unchanged", the earlier batch with the same bundle. */
  batchId: number;
  sha256: string;
  counts: Record<string, FileCounts>;
  rejectedCount: number;
  /** Every rejected row (at most REJECTS_KEPT). */
  rejects: RejectedRow[];
  /** Per file, the stored rows it adds, replaces and removes (for a failed batch: what it would have). */
  changes: Record<string, FileChanges>;
  /** Children named again who keep their stored history because a row of theirs was rejected. */
  keptChildren: number;
  /** Seconds per phase: start (hash, keys), each file (parse and COPY together), finish. */
  timings?: Record<string, number>;
  /** Why a failed batch failed. */
  error?: string;
  seconds: number;
}

/** What each format does inside the import transaction, once the batch and the loader exist. */
export type LoadWork = (loader: HistoryLoader, session: CopySession, meter: ProgressMeter) => Promise<void>;

/** The transaction, batch bookkeeping, idempotency and failure handling every import format shares. */
export async function runImport(
  db: Kysely<Database>,
  format: ImportFormat,
  files: string[],
  options: ImportOptions,
  work: LoadWork,
  rename?: Partial<Record<Column, string>>,
): Promise<ImportResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const copy = bulkCopyOf(db);
  if (!copy) throw new Error("importBundle needs a database opened by openDatabase (it writes by binary COPY)");
  const actor = options.actor ?? systemActor(format === "afcars" ? "qpi import --afcars" : "qpi import");
  const siteId = options.siteCode ? ((await siteDirectory(db).idByCode(options.siteCode)) ?? null) : null;
  if (options.siteCode && !siteId) throw new Error(`There is no site with code ${options.siteCode}.`);
  const sha = await bundleSha256(files);
  const latest = await latestCompletedBatch(db, format, siteId);
  if (latest && latest.bundle_sha256 === sha) {
    return {
      status: "unchanged",
      batchId: latest.id,
      sha256: sha,
      counts: {},
      rejectedCount: 0,
      rejects: [],
      changes: {},
      keptChildren: 0,
      seconds: seconds(),
    };
  }
  const rejects = new RejectLog();
  const maxRejects = options.maxRejects ?? 0;
  const meter = new ProgressMeter(
    files.reduce((sum, f) => sum + fs.statSync(f).size, 0),
    options.onProgress,
  );
  let loader: HistoryLoader | null = null;
  try {
    const batchId = await copy.transaction(async (session) => {
      const trx = session.db;
      await takeOutcomeWriterLock(trx);
      // The site's area first: AreaRegistry then reserves ids after it.
      const fixedArea = siteId ? (await ensureSiteArea(trx, siteId)).id : null;
      const areas = await AreaRegistry.load(trx);
      if (fixedArea !== null) areas.touched.add(fixedArea);
      const id = await startBatch(trx, format, sha, siteId, actor);
      const opened = (loader = await HistoryLoader.open(session, {
        rejects,
        areas,
        batchId: id,
        fixedArea,
        maxRejects,
        rename,
      }));
      const deferred = await DeferredIndexes.dropOnEmptyTables(trx);
      opened.deferIndexes(deferred);
      try {
        await work(opened, session, meter);
      } catch (error) {
        // A COPY still running holds the connection: stop it, so the rollback can go through.
        await opened.abort(error);
        throw error;
      }
      meter.lap("finish");
      if (rejects.count > maxRejects)
        throw new ImportFailed(
          `${rejects.count} rejected rows (at most ${maxRejects} allowed with --max-rejects)`,
          rejects,
        );
      await loader.finish();
      if (!options.allowRemovals) refuseRemovals(loader, options.maxRemovalsPercent ?? 1, rejects);
      meter.lap("indexes");
      // Index builds sort: give them memory (this transaction only).
      await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
      await deferred.restore(trx);
      meter.lap("analyze and commit");
      // Fresh statistics, so the readers' plans (an area's rows through the child_key index) fit the new sizes.
      await sql`ANALYZE outcome_child, outcome_episode, \
outcome_placement, outcome_maltreatment_report, outcome_home`.execute(trx);
      await finishBatch(trx, id, loader.tallies, rejects.rows, rejects.count);
      // Cached outcome computations of the old rows are stale from this commit on (every instance).
      const version = await bumpDataVersion(trx);
      // The touched areas' columnar snapshots, stamped with that version, commit with the rows (migration 0440).
      meter.lap("snapshot");
      await writeAreaSnapshots({ db: trx, copyOut: (q) => session.copyOut(q) }, [...areas.touched], version);
      await recordAudit(trx, actor, {
        action: "outcomes.import",
        entityType: "outcome_import_batch",
        entityId: String(id),
        siteId,
        outcome: "success",
      });
      return id;
    });
    meter.done();
    const counts = (loader as HistoryLoader | null)?.tallies ?? {};
    return {
      status: "completed",
      batchId,
      sha256: sha,
      counts,
      rejectedCount: rejects.count,
      rejects: rejects.rows,
      changes: (loader as HistoryLoader | null)?.changes ?? {},
      keptChildren: (loader as HistoryLoader | null)?.keptChildren ?? 0,
      timings: meter.timings,
      seconds: seconds(),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const counts = (loader as HistoryLoader | null)?.tallies ?? {};
    const failedId = await recordFailedBatch(db, {
      format,
      sha,
      siteId,
      actor,
      counts,
      rejects: rejects.rows,
      rejectedCount: rejects.count,
      error: message,
    });
    if (!(error instanceof ImportFailed)) throw error;
    return {
      status: "failed",
      batchId: failedId,
      sha256: sha,
      counts,
      rejectedCount: rejects.count,
      rejects: rejects.rows,
      changes: (loader as HistoryLoader | null)?.changes ?? {},
      keptChildren: (loader as HistoryLoader | null)?.keptChildren ?? 0,
      error: message,
      seconds: seconds(),
    };
  }
}

/** A share as the refusal prints it: one decimal, or one significant digit below 0.1. */
const percentText = (share: number) => (share >= 0.1 ? String(Math.round(share * 10) / 10) : share.toPrecision(1));

/** Refuses a batch that would remove more than the share of stored rows allowed (docs/outcomes-csv-bundle.md). */
function refuseRemovals(loader: HistoryLoader, maxPercent: number, rejects: RejectLog): void {
  const over = loader.removals
    .map((r) => ({ ...r, share: r.storedBefore > 0 ? (100 * r.removed) / r.storedBefore : 100 }))
    .filter((r) => r.share > maxPercent);
  if (over.length === 0) return;
  const parts = over.map(
    (r) =>
      `${r.file} would remove ${r.removed} of the ${r.storedBefore} stored ${r.rows} of its areas ` +
      `(${percentText(r.share)} %, more than the ${maxPercent} % allowed)`,
  );
  throw new ImportFailed(`${parts.join("; ")}; check the bundle, or import it with --allow-removals`, rejects);
}
