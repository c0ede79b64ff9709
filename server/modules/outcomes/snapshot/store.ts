import { type Kysely, sql, type Transaction } from "kysely";
import { bulkCopyOf } from "../../../db/bulk-copy.js";
import type { Database } from "../../../db/database.js";
import type { HistoryColumns } from "../history/columns.js";
import { takeOutcomeWriterLock } from "../import/writer-lock.js";
import { decodeBinaryCopy, IntColumns } from "../read/copy-decoder.js";
import { assembleColumns, historyQueries } from "../read/read-columns.js";
import { encodeSite, SNAPSHOT_FORMAT, type SnapshotCounts, sha256Of, siteMembers } from "./format.js";

/**
 * The outcome snapshots in the database (migration 0440): written by every writer of the history tables in its own
 * transaction, planned and streamed by the compute pool, rebuilt from the rows when one is missing, stale or fails
 * its hash.
 */

/** Where a writer reads its areas' rows back: its transaction, and its COPY when it has one (an import). */
export interface RowSource {
  db: Transaction<Database>;
  copyOut?: (query: string) => AsyncIterable<Uint8Array>;
}

const TABLES = ["children", "episodes", "placements", "reports", "homes"] as const;

/**
 * A history query's rows by plain SELECT, as decodeBinaryCopy would give them (NULL as the column's null value, days
 * since 1970): for a writer without COPY (the platform refresh, whose areas are the platform's own records).
 */
async function selectRows(
  db: Transaction<Database>,
  spec: { sql: string; columns: { kind: unknown; nullValue: number }[] },
): Promise<IntColumns> {
  const match = /^SELECT (.+?) FROM (.+)$/s.exec(spec.sql);
  if (!match) throw new Error(`not a history query: ${spec.sql}`);
  const names = match[1].split(",").map((n) => n.trim());
  const list = names
    .map((name, i) => {
      const { kind, nullValue } = spec.columns[i];
      const value = kind === "date" ? `(${name} - DATE '1970-01-01')` : name;
      return `COALESCE(${value}, ${nullValue})::int4 AS c${i}`;
    })
    .join(", ");
  const { rows } = await sql<Record<string, number>>`${sql.raw(`SELECT ${list} FROM ${match[2]}`)}`.execute(db);
  const out = new IntColumns(names.length, Math.max(1, rows.length));
  rows.forEach((row, r) => {
    for (let i = 0; i < names.length; i++) out.data[i][r] = Number(row[`c${i}`]);
  });
  out.length = rows.length;
  out.data = out.data.map((col) => col.subarray(0, rows.length));
  return out;
}

/**
 * The histories of these areas (or of every area) as the writer's transaction sees them, as columns (sites in area id
 * order).
 */
export async function readAreasInTransaction(source: RowSource, areaIds: number[] | "all"): Promise<HistoryColumns> {
  // Every area: plain scans, rather than finding each table's rows through the children of thousands of areas.
  const q = historyQueries(areaIds === "all" ? {} : { areaIds });
  let query = source.db.selectFrom("outcome_area").select(["id", "code"]).orderBy("id");
  if (areaIds !== "all") query = query.where("id", "in", areaIds.length ? areaIds : [-1]);
  const areas = await query.execute();
  const tables: IntColumns[] = [];
  // One COPY at a time: the session has one connection.
  for (const table of TABLES) {
    const spec = q[table];
    tables.push(
      source.copyOut
        ? await decodeBinaryCopy(source.copyOut(spec.sql), spec.columns)
        : await selectRows(source.db, spec),
    );
  }
  const [children, episodes, placements, reports, homes] = tables;
  return assembleColumns(
    areas.map((a) => a.code),
    new Map(areas.map((a, i) => [a.id, i])),
    children,
    episodes,
    placements,
    reports,
    homes,
  );
}

/**
 * Rewrites the snapshots of these areas from their rows, in the writer's transaction. With `version`, the areas'
 * histories are stamped with it (the data version the writer commits); without, each keeps its own (a rebuild).
 */
export async function writeAreaSnapshots(
  source: RowSource,
  areaIds: number[],
  version: number | null,
): Promise<{ areas: number; bytes: number }> {
  const ids = [...new Set(areaIds)].sort((a, b) => a - b);
  if (ids.length === 0) return { areas: 0, bytes: 0 };
  const db = source.db;
  if (version !== null)
    await db
      .updateTable("outcome_area")
      .set({ history_version: String(version) })
      .where("id", "in", ids)
      .execute();
  const areas = await db
    .selectFrom("outcome_area")
    .select(["id", "history_version"])
    .where("id", "in", ids)
    .orderBy("id")
    .execute();
  const all = await db
    .selectFrom("outcome_area")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const columns = await readAreasInTransaction(source, Number(all.n) === ids.length ? "all" : ids);
  await db.deleteFrom("outcome_history_snapshot").where("area_id", "in", ids).execute();
  let bytes = 0;
  const parts = siteMembers(columns);
  for (let s = 0; s < areas.length; s++) {
    let body: Uint8Array | null = encodeSite(columns, parts[s].members, parts[s].homes);
    const counts = countsOf(columns, parts[s].members.length, body);
    bytes += body.length;
    await db
      .insertInto("outcome_history_snapshot")
      .values({
        area_id: areas[s].id,
        history_version: String(areas[s].history_version),
        format: SNAPSHOT_FORMAT,
        ...counts,
        sha256: sha256Of(body),
        body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      })
      .execute();
    body = null;
  }
  return { areas: areas.length, bytes };
}

function countsOf(_columns: HistoryColumns, children: number, body: Uint8Array): SnapshotCounts {
  const words = new DataView(body.buffer, body.byteOffset, 32);
  return {
    children,
    episodes: words.getUint32(16, true),
    placements: words.getUint32(20, true),
    reports: words.getUint32(24, true),
    homes: words.getUint32(28, true),
  };
}

export interface SnapshotPlan {
  /** The areas in id order, with the counts their snapshots say (all usable). */
  areas: { id: number; code: string; counts: SnapshotCounts }[];
  /** Areas whose snapshot is missing, stale or of another format: read the rows, rebuild these. */
  unusable: number[];
}

/** Which of these areas' snapshots can be used, by their stamps (the hash is checked as the bytes arrive). */
export async function snapshotPlan(db: Kysely<Database>, areaIds: number[]): Promise<SnapshotPlan> {
  const rows = await db
    .selectFrom("outcome_area as a")
    .leftJoin("outcome_history_snapshot as s", "s.area_id", "a.id")
    .select([
      "a.id",
      "a.code",
      "a.history_version as areaVersion",
      "s.history_version as snapshotVersion",
      "s.format",
      "s.children",
      "s.episodes",
      "s.placements",
      "s.reports",
      "s.homes",
    ])
    .where("a.id", "in", areaIds.length ? areaIds : [-1])
    .orderBy("a.id")
    .execute();
  const plan: SnapshotPlan = { areas: [], unusable: [] };
  for (const r of rows) {
    const usable =
      r.snapshotVersion !== null && String(r.snapshotVersion) === String(r.areaVersion) && r.format === SNAPSHOT_FORMAT;
    if (!usable) plan.unusable.push(r.id);
    plan.areas.push({
      id: r.id,
      code: r.code,
      counts: {
        children: r.children ?? 0,
        episodes: r.episodes ?? 0,
        placements: r.placements ?? 0,
        reports: r.reports ?? 0,
        homes: r.homes ?? 0,
      },
    });
  }
  return plan;
}

/** The COPY query that streams the snapshots of these areas, in area id order (snapshot/stream.ts reads it). */
export function snapshotStreamQuery(areaIds: number[]): string {
  const ids = areaIds.map((id) => Math.trunc(Number(id))).filter(Number.isFinite);
  return (
    `SELECT area_id, sha256, body FROM outcome_history_snapshot WHERE area_id IN (${ids.length ? ids.join(",") : "NULL"}) ` +
    "ORDER BY area_id"
  );
}

/**
 * Rebuilds these areas' snapshots from their rows, under the outcome writer lock (so no writer changes the rows
 * meanwhile), each stamped with its area's current history version.
 */
export async function rebuildSnapshots(db: Kysely<Database>, areaIds: number[]): Promise<void> {
  const copy = bulkCopyOf(db);
  if (!copy) throw new Error("rebuilding outcome snapshots needs the database openDatabase returned");
  await copy.transaction(async (session) => {
    await takeOutcomeWriterLock(session.db);
    await writeAreaSnapshots({ db: session.db, copyOut: (q) => session.copyOut(q) }, areaIds, null);
  });
}

const rebuilding = new WeakMap<Kysely<Database>, Promise<void>>();

/**
 * Rebuilds in the background, after any rebuild already running for this database (a failure is logged, not
 * thrown: the next read finds the snapshot still unusable and reads the rows again).
 */
export function scheduleSnapshotRebuild(db: Kysely<Database>, areaIds: number[]): void {
  if (areaIds.length === 0) return;
  const previous = rebuilding.get(db) ?? Promise.resolve();
  const next = previous
    .then(() => rebuildSnapshots(db, areaIds))
    .catch((error: unknown) => {
      console.warn(`outcome snapshot rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  rebuilding.set(db, next);
}

/** Resolves when the rebuilds scheduled so far have finished (tests, the benchmark). */
export function snapshotRebuilds(db: Kysely<Database>): Promise<void> {
  return rebuilding.get(db) ?? Promise.resolve();
}
