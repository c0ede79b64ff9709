import fs from "node:fs";
import path from "node:path";
import { Kysely, type Logger, PostgresDialect } from "kysely";
import pg from "pg";
import { type BulkCopy, pgliteBulkCopy, postgresBulkCopy, registerBulkCopy } from "./bulk-copy.js";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.js";
import type { Database } from "./database.js";
import { fairSingleConnection } from "./fair-connection.js";
import { countQuery, queryCountRequested } from "./request-scope.js";

export type EngineKind = "pglite" | "postgres";

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: EngineKind;
  /** Binary COPY in and out (the outcome tables); also found from `db` with bulkCopyOf(db). */
  copy: BulkCopy;
  /** Closes the pool, the embedded engine and the data-folder lock, in that order. */
  close(): Promise<void>;
  /** The embedded engine's whole data folder as a tarball (PGlite only): a template for `loadDataDir`. */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenOptions {
  /** postgres://… — when set, the production engine is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; "memory://" for an in-memory one (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Count each request's queries (server/db/request-scope.ts); defaults to QPI_QUERY_COUNT=1. */
  countQueries?: boolean;
  /**
   * Start an in-memory embedded database from a data folder dumped earlier (`dumpDataDir`) instead of creating
   * an empty cluster: the test suite's migrated template (creating a cluster costs ~3 s, loading one ~0.5 s).
   */
  loadDataDir?: Blob;
}

// Calendar days stay strings ("2024-03-01"): a `date` is a day, not an instant,
// and turning it into a JS Date shifts it by the process time zone.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
pg.types.setTypeParser(DATE_OID, (v) => v);
pg.types.setTypeParser(INT8_OID, (v) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v) => Number(v));

export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  const log = (options.countQueries ?? queryCountRequested()) ? countQuery : undefined;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, log);
  return openPglite(options.dataDir ?? "./data", log, options.loadDataDir);
}

async function openPostgres(connectionString: string, max: number, log?: Logger): Promise<OpenDatabase> {
  // JIT compilation off for the app's connections unless QPI_PG_JIT=on: the app's statements are short, and a
  // statement the planner over-estimates (a small, freshly written table without statistics) otherwise pays
  // ~20 ms of compilation on every execution. Measured 2026-12-04 with the API bench (PostgreSQL 15, 10
  // connections): 125 audited reads a second with the server's default, 222 with JIT off.
  const jit = process.env.QPI_PG_JIT === "on" ? "" : " -c jit=off";
  const pool = new pg.Pool({ connectionString, max, options: `-c TimeZone=UTC${jit}` });
  // An idle connection the server closes (a restart, pg_terminate_backend, a dropped test database) is an 'error'
  // on the pool: without a listener it would end the process. The pool replaces the connection on next use.
  pool.on("error", (error: Error & { code?: string }) => {
    if (error.code !== "57P01") console.warn(`[db] an idle connection was closed: ${error.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  const copy = postgresBulkCopy(pool);
  registerBulkCopy(db, copy);
  return {
    db,
    kind: "postgres",
    copy,
    close: async () => {
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string, log?: Logger, loadDataDir?: Blob): Promise<OpenDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const { pgcrypto } = await import("@electric-sql/pglite/contrib/pgcrypto");
  const inMemory = dataDir.startsWith("memory://");
  if (loadDataDir && !inMemory) throw new Error("loadDataDir is for an in-memory database only");
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  try {
    const pglite = new PGlite(inMemory ? dataDir : path.join(dataDir, "pgdata"), {
      extensions: { btree_gist, pgcrypto },
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    await pglite.waitReady;
    await pglite.exec("SET TimeZone = 'UTC'");
    const pool = new pg.Pool(createPgConfig(pglite) as pg.PoolConfig);
    // One connection: its turns go to the oldest request first (fair-connection.ts).
    const fair = fairSingleConnection(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: fair }), log });
    const copy = pgliteBulkCopy(pglite, fair);
    registerBulkCopy(db, copy);
    return {
      db,
      kind: "pglite",
      copy,
      close: async () => {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
      dumpDataDir: () => pglite.dumpDataDir("none"),
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
