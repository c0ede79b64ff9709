import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../../db/database.js";
import type { AnyActor } from "../../../platform/access/actor.js";
import type { FileCounts } from "../tables.js";
import type { RejectedRow } from "./rejects.js";
import "../tables.js";

export type ImportFormat = "csv_bundle" | "afcars";

/** SHA-256 over the files, in the order given: each file's name, size and bytes. Read in chunks, never whole. */
export async function bundleSha256(files: string[]): Promise<string> {
  const hash = crypto.createHash("sha256");
  for (const file of files) {
    hash.update(`${path.basename(file)}\0${fs.statSync(file).size}\0`);
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

/** The latest completed batch for the same target; the same bundle again, when it was that one, changes nothing. */
export async function latestCompletedBatch(db: Kysely<Database>, format: ImportFormat, siteId: string | null) {
  let query = db
    .selectFrom("outcome_import_batch")
    .select(["id", "bundle_sha256", "finished_at"])
    .where("format", "=", format)
    .where("status", "=", "completed");
  query = siteId === null ? query.where("site_id", "is", null) : query.where("site_id", "=", siteId);
  return query.orderBy("id", "desc").limit(1).executeTakeFirst();
}

export function whoOf(actor: AnyActor): { actor_user_id: string | null; system: string | null } {
  return actor.kind === "user"
    ? { actor_user_id: actor.userId, system: null }
    : { actor_user_id: null, system: actor.reason };
}

export async function startBatch(
  trx: Transaction<Database>,
  format: ImportFormat,
  sha: string,
  siteId: string | null,
  actor: AnyActor,
): Promise<number> {
  const row = await trx
    .insertInto("outcome_import_batch")
    .values({
      format,
      bundle_sha256: sha,
      site_id: siteId,
      ...whoOf(actor),
      status: "running",
      counts: "{}",
      rejected_count: 0,
      error: null,
      finished_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishBatch(
  trx: Transaction<Database>,
  batchId: number,
  counts: Record<string, FileCounts>,
  rejects: RejectedRow[],
  rejectedCount: number,
) {
  await trx
    .updateTable("outcome_import_batch")
    .set({
      status: "completed",
      counts: JSON.stringify(counts),
      rejected_count: rejectedCount,
      finished_at: sql`clock_timestamp()`,
    })
    .where("id", "=", batchId)
    .execute();
  await storeRejects(trx, batchId, rejects);
}

/**
 * A failed batch is recorded after its transaction rolled back: what was tried, by whom, and every rejected row kept.
 */
export async function recordFailedBatch(
  db: Kysely<Database>,
  batch: {
    format: ImportFormat;
    sha: string;
    siteId: string | null;
    actor: AnyActor;
    counts: Record<string, FileCounts>;
    rejects: RejectedRow[];
    rejectedCount: number;
    error: string;
  },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("outcome_import_batch")
      .values({
        format: batch.format,
        bundle_sha256: batch.sha,
        site_id: batch.siteId,
        ...whoOf(batch.actor),
        status: "failed",
        counts: JSON.stringify(batch.counts),
        rejected_count: batch.rejectedCount,
        error: batch.error.slice(0, 2000),
        finished_at: sql`clock_timestamp()`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await storeRejects(trx, row.id, batch.rejects);
    return row.id;
  });
}

async function storeRejects(trx: Transaction<Database>, batchId: number, rejects: RejectedRow[]) {
  for (let i = 0; i < rejects.length; i += 1000) {
    await trx
      .insertInto("outcome_import_reject")
      .values(
        rejects.slice(i, i + 1000).map((r, j) => ({
          batch_id: batchId,
          seq: i + j + 1,
          file: r.file,
          line: r.line,
          column_name: r.column,
          reason: r.reason,
        })),
      )
      .execute();
  }
}
