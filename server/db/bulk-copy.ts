import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { chunkedCopyTo } from "./copy-out-query.js";
import type { Database } from "./database.js";

/**
 * Rows in and out in PostgreSQL's binary COPY format, for the outcome tables
 * (millions of rows). One capability, two engines: on PostgreSQL the COPY
 * sub-protocol through pg-copy-streams; on PGlite, whose node-postgres adapter
 * cannot carry COPY (its instance exits), PGlite's own `COPY … '/dev/blob'`.
 * The payload is the same binary format on both, so one encoder and one
 * decoder serve both engines.
 */
export interface BulkCopy {
  /** Runs `work` on one connection between BEGIN and COMMIT; ROLLBACK when it throws (nothing is half-written). */
  transaction<T>(work: (session: CopySession) => Promise<T>): Promise<T>;
  /**
   * The output of `COPY (query) TO STDOUT (FORMAT binary)`, as chunks, on a connection of its own. Not inside a
   * transaction.
   */
  copyOut(query: string): AsyncIterable<Uint8Array>;
}

/**
 * `binary` (the default) or PostgreSQL's `text` COPY format: one line a row, portable across versions and engines
 * (backups). In text, copyIn's chunks must end at a row's end, and no header or trailer is added.
 */
export type CopyFormat = "binary" | "text";

export interface CopySession {
  /** Queries on the session's connection, inside its transaction. */
  db: Transaction<Database>;
  /**
   * `COPY target FROM STDIN (FORMAT binary)`. `tuples` yields whole binary
   * tuples (no header or trailer: added here, as each engine needs them).
   * Resolves with the number of rows copied.
   */
  copyIn(target: string, tuples: AsyncIterable<Uint8Array>, format?: CopyFormat): Promise<number>;
  copyOut(query: string, format?: CopyFormat): AsyncIterable<Uint8Array>;
}

/** The binary COPY signature, flags and header-extension length. */
export const COPY_HEADER = Uint8Array.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
export const COPY_TRAILER = Uint8Array.from([0xff, 0xff]);

/** A Kysely bound to one client whose transaction the caller manages. */
function kyselyOnClient(client: pg.PoolClient): Kysely<Database> {
  const borrowed = {
    query: (...args: unknown[]) => (client.query as (...a: unknown[]) => unknown)(...args),
    release() {},
  };
  const pool = { connect: async () => borrowed, end: async () => {} };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) });
}

/**
 * Runs `work` in a Kysely transaction on `client`, so session.db is a real Transaction (recordAudit writes into it).
 */
function inTransaction<T>(
  client: pg.PoolClient,
  copy: Omit<CopySession, "db">,
  work: (s: CopySession) => Promise<T>,
): Promise<T> {
  return kyselyOnClient(client)
    .transaction()
    .execute((trx) => work({ ...copy, db: trx }));
}

export function postgresBulkCopy(pool: pg.Pool): BulkCopy {
  async function* copyOutOn(client: pg.PoolClient, query: string, format: CopyFormat): AsyncIterable<Uint8Array> {
    const stream = client.query(chunkedCopyTo(`COPY (${query}) TO STDOUT (FORMAT ${format})`));
    for await (const chunk of stream) yield chunk as Buffer;
  }
  return {
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        const session: Omit<CopySession, "db"> = {
          async copyIn(target, tuples, format = "binary") {
            const stream = client.query(copyFrom(`COPY ${target} FROM STDIN (FORMAT ${format})`));
            await pipeline(async function* () {
              if (format === "binary") yield COPY_HEADER;
              for await (const chunk of tuples) yield chunk;
              if (format === "binary") yield COPY_TRAILER;
            }, stream);
            return stream.rowCount;
          },
          copyOut: (query, format = "binary") => copyOutOn(client, query, format),
        };
        return await inTransaction(client, session, work);
      } catch (error) {
        // A COPY cut off mid-stream can leave the connection unusable: do not return it to the pool.
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async *copyOut(query) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        yield* copyOutOn(client, query, "binary");
      } catch (error) {
        broken = error as Error;
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** PGlite takes a COPY payload whole, so copyIn sends it in blobs of about this size. */
const PGLITE_BLOB_BYTES = 16 * 1024 * 1024;

/**
 * PGlite is one session: holding the pool's only connection keeps every other
 * caller out while a bulk transaction or read runs, and `pglite.query` then
 * runs in that session (inside its transaction).
 */
export function pgliteBulkCopy(pglite: PGlite, pool: { connect(): Promise<pg.PoolClient> }): BulkCopy {
  async function* copyOutNow(query: string, format: CopyFormat = "binary"): AsyncIterable<Uint8Array> {
    const result = await pglite.query(`COPY (${query}) TO '/dev/blob' (FORMAT ${format})`);
    if (result.blob) yield new Uint8Array(await result.blob.arrayBuffer());
  }
  return {
    async transaction(work) {
      const client = await pool.connect();
      try {
        const session: Omit<CopySession, "db"> = {
          async copyIn(target, tuples, format = "binary") {
            const [header, trailer] = format === "binary" ? [[COPY_HEADER], [COPY_TRAILER]] : [[], []];
            let parts: Uint8Array[] = [];
            let size = 0;
            let rows = 0;
            const flush = async () => {
              if (size === 0) return;
              const result = await pglite.query(`COPY ${target} FROM '/dev/blob' (FORMAT ${format})`, [], {
                blob: new Blob([...header, ...parts, ...trailer] as BlobPart[]),
              });
              rows += result.affectedRows ?? 0;
              parts = [];
              size = 0;
            };
            for await (const chunk of tuples) {
              parts.push(chunk);
              size += chunk.byteLength;
              if (size >= PGLITE_BLOB_BYTES) await flush();
            }
            await flush();
            return rows;
          },
          copyOut: copyOutNow,
        };
        return await inTransaction(client, session, work);
      } finally {
        client.release();
      }
    },
    async *copyOut(query) {
      const client = await pool.connect();
      try {
        yield* copyOutNow(query);
      } finally {
        client.release();
      }
    },
  };
}

// The capability of each Kysely instance openDatabase made, so a module given
// only `db` (routes get deps.db) can still copy.
const bulkCopyByDb = new WeakMap<Kysely<Database>, BulkCopy>();

export function registerBulkCopy(db: Kysely<Database>, copy: BulkCopy): void {
  bulkCopyByDb.set(db, copy);
}

/** The bulk COPY capability of a database opened by openDatabase; undefined for a transaction or a foreign instance. */
export function bulkCopyOf(db: Kysely<Database>): BulkCopy | undefined {
  return bulkCopyByDb.get(db);
}
