import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { type Kysely, sql, type Transaction } from "kysely";
import type { CopySession } from "./bulk-copy.js";
import type { Database } from "./database.js";
import type { OpenDatabase } from "./engine.js";
import { applyMigrationsIn, migrateToLatest, migrationNames } from "./migrate.js";

/**
 * Backup and restore through the database driver, one format for both engines (and from one to the other).
 *
 * A backup is a gzip file: a first line `QPI-BACKUP 1`, a manifest (JSON, one line: the migrations applied, every
 * table with its columns, row count and checksum, every sequence's position), then each table's rows in PostgreSQL's
 * text COPY format ended by a line `\.`, tables in foreign-key order (a table after those it references). All of it is
 * read in one REPEATABLE READ READ ONLY transaction, so it is one
 * consistent snapshot while the database stays in use (on PGlite the one connection is held for the whole backup,
 * and the `qpi` command runs with the server stopped anyway: the data folder is one process at a time).
 *
 * A restore goes into an empty database: it applies the migrations the backup names, then in one transaction empties
 * the tables they seeded, loads every table in foreign-key order with user triggers off (the audit log's append-only
 * triggers would refuse the load), sets the sequences, and compares every table's row count and checksum with the
 * manifest; any difference rolls it all back. Newer migrations of this version run after.
 */

const MAGIC = "QPI-BACKUP 1";
const END_OF_TABLE = Buffer.from("\\.\n");
/** The migrator's own bookkeeping: rebuilt by the restore's migrations, never copied. */
const NOT_COPIED = new Set(["kysely_migration", "kysely_migration_lock"]);

export interface TableChecksum {
  rows: number;
  /** Sum of a 64-bit hash of every row's text form: independent of row order, equal on both engines. */
  checksum: string;
}

export interface ManifestTable extends TableChecksum {
  name: string;
  columns: { name: string; type: string }[];
}

export interface BackupManifest {
  createdAt: string;
  engine: string;
  serverVersion: string;
  migrations: string[];
  tables: ManifestTable[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
}

export interface BackupSummary {
  tables: number;
  rows: number;
  bytes: number;
  seconds: number;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function publicTables(db: Kysely<Database>): Promise<{ name: string; columns: ManifestTable["columns"] }[]> {
  const rows = await sql<{ table_name: string; column_name: string; column_type: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS column_type
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname, a.attnum`.execute(db);
  const tables = new Map<string, ManifestTable["columns"]>();
  for (const row of rows.rows) {
    if (NOT_COPIED.has(row.table_name)) continue;
    const columns = tables.get(row.table_name) ?? [];
    columns.push({ name: row.column_name, type: row.column_type });
    tables.set(row.table_name, columns);
  }
  return [...tables].map(([name, columns]) => ({ name, columns }));
}

/** Tables ordered so that every table comes after the tables its foreign keys reference. */
async function dependencyOrder(db: Kysely<Database>, names: string[]): Promise<string[]> {
  const edges = await sql<{ child: string; parent: string }>`
    SELECT DISTINCT c.relname AS child, p.relname AS parent
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`.execute(db);
  const parents = new Map<string, Set<string>>(names.map((name) => [name, new Set()]));
  for (const { child, parent } of edges.rows) if (parents.has(parent)) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`Foreign keys form a cycle: ${[...path, name].join(" → ")}`);
    state.set(name, "visiting");
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent, [...path, name]);
    state.set(name, "done");
    ordered.push(name);
  };
  for (const name of [...names].sort()) visit(name, []);
  return ordered;
}

/** Row count and order-independent checksum of every table (the migrator's own excepted), by table name. */
export async function tableChecksums(db: Kysely<Database>): Promise<Map<string, TableChecksum>> {
  const result = new Map<string, TableChecksum>();
  for (const { name } of await publicTables(db)) {
    const row = await sql<{ rows: string; checksum: string }>`
      SELECT count(*)::text AS rows,
             coalesce(sum(('x' || substr(md5(t::text), 1, 16))::bit(64)::bigint::numeric), 0)::text AS checksum
      FROM ${sql.raw(ident(name))} t`.execute(db);
    result.set(name, { rows: Number(row.rows[0].rows), checksum: row.rows[0].checksum });
  }
  return result;
}

async function sequencePositions(db: Kysely<Database>): Promise<BackupManifest["sequences"]> {
  const names = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`.execute(db);
  const sequences: BackupManifest["sequences"] = [];
  for (const { name } of names.rows) {
    const position = await sql<{ last_value: string; is_called: boolean }>`
      SELECT last_value::text AS last_value, is_called FROM ${sql.raw(ident(name))}`.execute(db);
    sequences.push({ name, lastValue: position.rows[0].last_value, isCalled: position.rows[0].is_called });
  }
  return sequences;
}

const columnList = (table: ManifestTable) => table.columns.map((c) => ident(c.name)).join(", ");

/** Writes a backup of the whole database to `file` (replaced only once the backup is complete). */
export async function writeBackup(database: OpenDatabase, file: string): Promise<BackupSummary> {
  const started = performance.now();
  if (fs.existsSync(file)) throw new Error(`${file} exists already: a backup never overwrites a file`);
  const partial = `${file}.partial`;
  let summary: BackupSummary | undefined;
  try {
    await database.copy.transaction(async (session) => {
      await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(session.db);
      const manifest = await readManifest(session.db, database.kind);
      const out = fs.createWriteStream(partial, { flags: "wx" });
      await pipeline(Readable.from(backupStream(session, manifest)), zlib.createGzip({ level: 6 }), out);
      summary = {
        tables: manifest.tables.length,
        rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
        bytes: out.bytesWritten,
        seconds: 0,
      };
    });
    fs.linkSync(partial, file); // fails rather than replace a file that appeared meanwhile
  } finally {
    fs.rmSync(partial, { force: true });
  }
  if (!summary) throw new Error("The backup did not run");
  return { ...summary, seconds: (performance.now() - started) / 1000 };
}

async function readManifest(db: Transaction<Database>, engine: string): Promise<BackupManifest> {
  const version = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db);
  const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  const checksums = await tableChecksums(db);
  const found = await publicTables(db);
  const order = await dependencyOrder(
    db,
    found.map((t) => t.name),
  );
  const byName = new Map(found.map((t) => [t.name, t]));
  const tables = order.map((name) => ({ ...byName.get(name)!, ...checksums.get(name)! }));
  return {
    createdAt: new Date().toISOString(),
    engine,
    serverVersion: version.rows[0].v,
    migrations: applied.rows.map((r) => r.name),
    tables,
    sequences: await sequencePositions(db),
  };
}

async function* backupStream(session: CopySession, manifest: BackupManifest): AsyncIterable<Buffer> {
  yield Buffer.from(`${MAGIC}\n${JSON.stringify(manifest)}\n`);
  for (const table of manifest.tables) {
    for await (const chunk of session.copyOut(`SELECT ${columnList(table)} FROM ${ident(table.name)}`, "text")) {
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    yield END_OF_TABLE;
  }
}

/** Reads a backup file: its first lines, then each table's rows as chunks that end at a row's end. */
class BackupReader {
  private pending: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  private done = false;
  private readonly source: AsyncIterator<Buffer<ArrayBufferLike>>;

  constructor(file: string) {
    const stream = fs.createReadStream(file).pipe(zlib.createGunzip());
    this.source = stream[Symbol.asyncIterator]();
  }

  private async more(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, next.value]) : next.value;
    return true;
  }

  async line(): Promise<string> {
    for (;;) {
      const end = this.pending.indexOf(10);
      if (end >= 0) {
        const text = this.pending.subarray(0, end).toString("utf8");
        this.pending = this.pending.subarray(end + 1);
        return text;
      }
      if (!(await this.more())) throw new Error("The backup file ends early");
    }
  }

  /** One table's rows, up to the line `\.` (a row's text never starts with a backslash and a dot). */
  async *table(): AsyncIterable<Uint8Array> {
    for (;;) {
      const end = this.endOfTable();
      if (end >= 0) {
        if (end > 0) yield this.pending.subarray(0, end);
        this.pending = this.pending.subarray(end + END_OF_TABLE.length);
        return;
      }
      const lastRowEnd = this.pending.lastIndexOf(10);
      if (lastRowEnd >= 0) {
        yield this.pending.subarray(0, lastRowEnd + 1);
        this.pending = this.pending.subarray(lastRowEnd + 1);
      }
      if (!(await this.more())) throw new Error("The backup file ends in the middle of a table");
    }
  }

  private endOfTable(): number {
    if (this.pending.subarray(0, END_OF_TABLE.length).equals(END_OF_TABLE)) return 0;
    const at = this.pending.indexOf("\n\\.\n");
    return at >= 0 ? at + 1 : -1;
  }
}

export interface RestoreSummary extends BackupSummary {
  createdAt: string;
  newerMigrations: number;
}

/** Reads only the manifest of a backup file. */
export async function readBackupManifest(file: string): Promise<BackupManifest> {
  const reader = new BackupReader(file);
  if ((await reader.line()) !== MAGIC) throw new Error(`${file} is not a QPI backup`);
  return JSON.parse(await reader.line()) as BackupManifest;
}

/** Restores `file` into `database`, which must hold no tables yet (the migrator's own, empty, excepted). */
export async function restoreBackup(database: OpenDatabase, file: string): Promise<RestoreSummary> {
  const started = performance.now();
  const reader = new BackupReader(file);
  if ((await reader.line()) !== MAGIC) throw new Error(`${file} is not a QPI backup`);
  const manifest = JSON.parse(await reader.line()) as BackupManifest;

  const known = new Set(migrationNames());
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new Error(`The backup was made by a newer version (migrations ${unknown.join(", ")}): restore with that one`);
  }
  const existing = await sql<{ n: string }>`
    SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND c.relname NOT IN ('kysely_migration', 'kysely_migration_lock')`.execute(database.db);
  const notEmpty = "The target database is not empty: restore into a new database or an empty data folder";
  if (Number(existing.rows[0].n) > 0) throw new Error(notEmpty);
  await migrateToLatest(database.db, []); // the migrator's own tables, no migration
  const applied = await sql<{ n: string }>`SELECT count(*)::text AS n FROM kysely_migration`.execute(database.db);
  if (Number(applied.rows[0].n) > 0) throw new Error(notEmpty);

  // One transaction: the schema of the backup's migrations, its rows, the checks. Any failure leaves nothing.
  await database.copy.transaction(async (session) => {
    await applyMigrationsIn(session.db, manifest.migrations);
    const tables = await publicTables(session.db);
    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    for (const table of tables) {
      const names = (columns: ManifestTable["columns"]) => JSON.stringify(columns.map((c) => c.name).sort());
      const saved = byName.get(table.name);
      if (!saved || names(saved.columns) !== names(table.columns)) {
        throw new Error(`Table ${table.name} differs from the backup's after its migrations: nothing restored`);
      }
    }
    if (tables.length !== manifest.tables.length) {
      throw new Error("The backup's tables differ from those its migrations make: nothing restored");
    }
    const all = manifest.tables.map((t) => ident(t.name)).join(", ");
    for (const table of manifest.tables) {
      await sql.raw(`ALTER TABLE ${ident(table.name)} DISABLE TRIGGER USER`).execute(session.db);
    }
    if (manifest.tables.length) await sql.raw(`TRUNCATE ${all}`).execute(session.db);
    // The backup lists its tables in foreign-key order: each is loaded after the tables it references.
    for (const table of manifest.tables) {
      const copied = await session.copyIn(`${ident(table.name)} (${columnList(table)})`, reader.table(), "text");
      if (copied !== table.rows)
        throw new Error(`Table ${table.name}: ${copied} rows loaded, ${table.rows} in the backup`);
    }
    for (const sequence of manifest.sequences) {
      await sql`SELECT setval(${ident(sequence.name)}::regclass, \
${sequence.lastValue}::bigint, ${sequence.isCalled})`.execute(session.db);
    }
    for (const table of manifest.tables) {
      await sql.raw(`ALTER TABLE ${ident(table.name)} ENABLE TRIGGER USER`).execute(session.db);
    }
    const now = await tableChecksums(session.db);
    for (const table of manifest.tables) {
      const got = now.get(table.name);
      if (got?.rows !== table.rows || got.checksum !== table.checksum) {
        throw new Error(`Table ${table.name} does not match the backup's checksum after loading: nothing restored`);
      }
    }
  });

  const newer = await migrateToLatest(database.db);
  return {
    tables: manifest.tables.length,
    rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
    bytes: fs.statSync(file).size,
    seconds: (performance.now() - started) / 1000,
    createdAt: manifest.createdAt,
    newerMigrations: newer.results?.length ?? 0,
  };
}
