import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { AuditEventTable, Database } from "../../db/database.js";
import type { JobDefinition } from "../jobs/scheduler.js";
import { AUDIT_CHAIN_LOCK, GENESIS_HASH } from "./audit-log.js";
import { hashMismatch } from "./sealer.js";
import { type ArchivedRun, describeChainReport, verifyAuditChain } from "./verify-chain.js";
import "./tables.js";

/**
 * Monthly partitions of audit_event (migration 0450), and archiving a month
 * out of the database so that it stays verifiable (README "Operations: audit
 * retention and archiving").
 *
 * Archive format, in the folder given to `qpi audit archive --out DIR`, per month:
 *   audit-YYYY-MM.jsonl          one row per line, in chain (seq) order, every column:
 *                                {id, seq, occurred_at (ISO, UTC, ms), actor_user_id, site_id, action, entity_type,
 *                                 entity_id, entity_ids, field_classes, purpose, outcome, ip, request_id, row_hash,
 *                                 prev_hash, hash}
 *   audit-YYYY-MM.manifest.json  {format, month, rows, first_seq, first_prev_hash, last_seq, last_hash, runs,
 *                                 file, file_sha256, archived_at}
 * `runs` are the month's runs of consecutive seqs (one, or a few when rows written at a month's end were sealed
 * among the next month's): {first_seq, prev_hash, last_seq, last_hash, rows}. The same anchor stays in the
 * database (audit_archive), so `qpi audit verify` crosses the gap and `qpi audit verify --archive DIR` re-checks
 * the files against it.
 */
export const ARCHIVE_FORMAT = "qpi-audit-archive/1";

type Db = Kysely<Database> | Transaction<Database>;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parseMonth(text: string): Date {
  const m = MONTH.exec(text);
  if (!m) throw new Error(`a month is written YYYY-MM (got "${text}")`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

export function monthLabel(month: Date): string {
  return month.toISOString().slice(0, 7);
}

const addMonths = (month: Date, n: number) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + n, 1));

export function partitionName(month: Date): string {
  return `audit_event_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

/**
 * Creates the partitions of `from`'s month and the `ahead` months after it where missing. A month whose rows
 * already went to the default partition (its partition was not made in time) cannot get one until they are
 * moved; it is reported, and its rows stay safely in the default partition.
 */
export async function ensureAuditPartitions(db: Db, from: Date, ahead = 3) {
  const created: string[] = [];
  const blocked: string[] = [];
  const first = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  for (let k = 0; k <= ahead; k++) {
    const month = addMonths(first, k);
    const name = partitionName(month);
    const exists = await sql<{ t: string | null }>`SELECT to_regclass(${name})::text AS t`.execute(db);
    if (exists.rows[0]?.t) continue;
    const inDefault = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event_default
      WHERE occurred_at >= ${month} AND occurred_at < ${addMonths(month, 1)}`.execute(db);
    if (inDefault.rows[0].n > 0) {
      blocked.push(monthLabel(month));
      continue;
    }
    await sql`SELECT audit_event_month_partition(${month})`.execute(db);
    created.push(name);
  }
  return { created, blocked };
}

/** The `audit_partitions` job: daily, keeps this month's partition and the next three ready. */
export async function auditPartitionJobs(
  db: Kysely<Database>,
  options: { intervalSecs?: number; ahead?: number } = {},
): Promise<Record<string, JobDefinition>> {
  await sql`INSERT INTO scheduled_job (name, interval_secs) VALUES ('audit_partitions', ${options.intervalSecs ?? 86_400})
    ON CONFLICT (name) DO NOTHING`.execute(db);
  return {
    audit_partitions: {
      async run(trx, now) {
        const result = await ensureAuditPartitions(trx, now, options.ahead ?? 3);
        if (result.blocked.length)
          console.error(`[audit] rows of ${result.blocked.join(", ")} are in the default partition`);
        return result;
      },
    },
  };
}

/** The longest retention in effect today for any site, in months, and the rule that sets it. */
export async function retentionInEffect(db: Db, today: Date): Promise<{ months: number; source: string }> {
  const rows = await sql<{ months: number; source: string }>`
    SELECT DISTINCT ON (site_id) months, source FROM audit_retention_rule
    WHERE effective_from <= ${today}::date ORDER BY site_id, effective_from DESC`.execute(db);
  const longest = rows.rows.sort((a, b) => b.months - a.months)[0];
  if (!longest) throw new Error("no audit retention rule is in effect: nothing may be archived");
  return longest;
}

type StoredRow = Selectable<AuditEventTable>;

export interface ArchiveLine {
  id: number;
  seq: number;
  occurred_at: string;
  actor_user_id: string | null;
  site_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  entity_ids: string[] | null;
  field_classes: string[];
  purpose: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
  row_hash: string | null;
  prev_hash: string;
  hash: string;
}

export interface ArchiveManifest {
  format: string;
  month: string;
  rows: number;
  first_seq: number | null;
  first_prev_hash: string | null;
  last_seq: number | null;
  last_hash: string | null;
  runs: ArchivedRun[];
  file: string;
  file_sha256: string;
  archived_at: string;
}

const lineOf = (r: StoredRow): ArchiveLine => ({
  id: Number(r.id),
  seq: Number(r.seq),
  occurred_at: new Date(r.occurred_at).toISOString(),
  actor_user_id: r.actor_user_id,
  site_id: r.site_id,
  action: r.action,
  entity_type: r.entity_type,
  entity_id: r.entity_id,
  entity_ids: r.entity_ids,
  field_classes: r.field_classes,
  purpose: r.purpose,
  outcome: r.outcome,
  ip: r.ip,
  request_id: r.request_id,
  row_hash: r.row_hash,
  prev_hash: r.prev_hash ?? "",
  hash: r.hash ?? "",
});

/**
 * Checks archived lines on their own: each hash recomputed from the row and the hash before it, row_hash against
 * the content, seqs increasing; returns the runs of consecutive seqs, or the first problem.
 */
export function checkArchiveLines(lines: ArchiveLine[]): { runs: ArchivedRun[]; problem?: string } {
  const runs: ArchivedRun[] = [];
  for (const line of lines) {
    const at = `seq ${line.seq}`;
    const mismatch = hashMismatch(line);
    if (mismatch) return { runs, problem: `${at}: its ${mismatch} does not match its content (the file was changed)` };
    const run = runs[runs.length - 1];
    if (run && line.seq <= run.last_seq) return { runs, problem: `${at}: rows are out of chain order` };
    if (run && line.seq === run.last_seq + 1) {
      if (line.prev_hash !== run.last_hash)
        return { runs, problem: `${at}: prev_hash is not the hash of seq ${run.last_seq} (rows changed or swapped)` };
      run.last_seq = line.seq;
      run.last_hash = line.hash;
      run.rows += 1;
    } else
      runs.push({ first_seq: line.seq, prev_hash: line.prev_hash, last_seq: line.seq, last_hash: line.hash, rows: 1 });
  }
  return { runs };
}

const sha256 = (bytes: Buffer | string) => crypto.createHash("sha256").update(bytes).digest("hex");

function readLines(file: string): ArchiveLine[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as ArchiveLine;
      } catch {
        throw new Error(`${path.basename(file)} line ${i + 1} is not JSON`);
      }
    });
}

export class ArchiveRefused extends Error {}

/**
 * Archives one month: in one transaction under the chain's lock, refuses a month within the retention period,
 * with rows not yet sealed or with rows in the default partition; writes the rows (chain order) and the manifest,
 * reads the file back and checks it against the chain and the rows, records the anchor, detaches and drops the
 * month's partition, and verifies the whole chain across the new gap before committing.
 */
export async function archiveMonth(db: Kysely<Database>, monthText: string, outDir: string, now = new Date()) {
  const month = parseMonth(monthText);
  const label = monthLabel(month);
  const end = addMonths(month, 1);
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
    const retention = await retentionInEffect(trx, now);
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const firstKept = addMonths(thisMonth, -retention.months);
    if (end > firstKept)
      throw new ArchiveRefused(
        `${label} is within the audit retention period (${retention.months} months: ${retention.source}); ` +
          `the newest month that may be archived is ${monthLabel(addMonths(firstKept, -1))}`,
      );
    const done = await sql`SELECT 1 FROM audit_archive WHERE month = ${month}::date`.execute(trx);
    if (done.rows.length) throw new ArchiveRefused(`${label} is already archived`);
    const name = partitionName(month);
    const exists = await sql<{ t: string | null }>`SELECT to_regclass(${name})::text AS t`.execute(trx);
    const inDefault = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event_default
      WHERE occurred_at >= ${month} AND occurred_at < ${end}`.execute(trx);
    if (inDefault.rows[0].n > 0)
      throw new ArchiveRefused(`${label} has ${inDefault.rows[0].n} rows in the default partition: not archived`);
    const unsealed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event
      WHERE occurred_at >= ${month} AND occurred_at < ${end} AND seq IS NULL`.execute(trx);
    if (unsealed.rows[0].n > 0)
      throw new ArchiveRefused(
        `${label} has ${unsealed.rows[0].n} audit rows not yet sealed: only sealed months are archived (run ` +
          "`qpi audit verify` to seal, and investigate a row that will not seal)",
      );
    const stored = await sql<StoredRow>`SELECT * FROM audit_event
      WHERE occurred_at >= ${month} AND occurred_at < ${end} ORDER BY seq`.execute(trx);
    const lines = stored.rows.map(lineOf);
    const body = lines.map((l) => `${JSON.stringify(l)}\n`).join("");
    const file = `audit-${label}.jsonl`;
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, file), body, { mode: 0o640 });
    // Read back what is on disk and check it: hashes recomputed, and every row the same as the database's.
    const back = readLines(path.join(outDir, file));
    const checked = checkArchiveLines(back);
    if (checked.problem) throw new Error(`the export of ${label} does not verify: ${checked.problem}`);
    if (back.length !== lines.length || back.some((l, i) => JSON.stringify(l) !== JSON.stringify(lines[i])))
      throw new Error(`the export of ${label} read back differs from the database's rows`);
    const first = checked.runs[0];
    const last = checked.runs[checked.runs.length - 1];
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      month: label,
      rows: lines.length,
      first_seq: first?.first_seq ?? null,
      first_prev_hash: first?.prev_hash ?? null,
      last_seq: last?.last_seq ?? null,
      last_hash: last?.last_hash ?? null,
      runs: checked.runs,
      file,
      file_sha256: sha256(fs.readFileSync(path.join(outDir, file))),
      archived_at: now.toISOString(),
    };
    await sql`INSERT INTO audit_archive (month, rows, first_seq, last_seq, first_prev_hash, last_hash, runs,
        file_name, file_sha256, archived_at)
      VALUES (${month}::date, ${manifest.rows}, ${manifest.first_seq}, ${manifest.last_seq},
        ${manifest.first_prev_hash}, ${manifest.last_hash}, ${JSON.stringify(manifest.runs)}::jsonb, ${file},
        ${manifest.file_sha256}, ${now})`.execute(trx);
    if (exists.rows[0]?.t) {
      await sql`ALTER TABLE audit_event DETACH PARTITION ${sql.id(name)}`.execute(trx);
      await sql`DROP TABLE ${sql.id(name)}`.execute(trx);
    }
    const report = await verifyAuditChain(trx);
    if (!report.ok)
      throw new Error(`after archiving ${label} the chain does not verify: ${describeChainReport(report)}`);
    const manifestFile = path.join(outDir, `audit-${label}.manifest.json`);
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o640 });
    return { manifest, file: path.join(outDir, file), manifestFile, report };
  });
}

export interface ArchiveCheck {
  month: string;
  rows: number;
  problem?: string;
}

/**
 * Re-verifies the archived months in `dir` from their files: each file's fingerprint against its manifest and the
 * database's anchor, every row's hash and link recomputed, and its runs equal to the anchor's — which the chain
 * in the database joins (verifyAuditChain). A month archived in the database without its files here is reported.
 */
export async function verifyArchiveDir(db: Kysely<Database>, dir: string): Promise<ArchiveCheck[]> {
  if (!fs.existsSync(dir)) throw new Error(`the archive folder ${dir} does not exist`);
  const anchors = await sql<{
    month: string;
    rows: string | number;
    runs: ArchivedRun[] | string;
    file_sha256: string;
  }>`
    SELECT to_char(month, 'YYYY-MM') AS month, rows, runs, file_sha256 FROM audit_archive ORDER BY month`.execute(db);
  const byMonth = new Map(anchors.rows.map((a) => [a.month, a]));
  const checks: ArchiveCheck[] = [];
  const manifests = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".manifest.json"))
    .sort();
  const seen = new Set<string>();
  for (const name of manifests) {
    let manifest: ArchiveManifest;
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    } catch {
      checks.push({ month: name, rows: 0, problem: `${name} is not a manifest (not JSON)` });
      continue;
    }
    const month = String(manifest.month);
    seen.add(month);
    const fail = (problem: string) => checks.push({ month, rows: Number(manifest.rows) || 0, problem });
    if (manifest.format !== ARCHIVE_FORMAT) {
      fail(`${name}: unknown format ${manifest.format}`);
      continue;
    }
    const anchor = byMonth.get(month);
    if (!anchor) {
      fail(`${month} is not archived in this database (no anchor)`);
      continue;
    }
    const file = path.join(dir, path.basename(manifest.file));
    if (!fs.existsSync(file)) {
      fail(`${manifest.file} is missing`);
      continue;
    }
    const digest = sha256(fs.readFileSync(file));
    if (digest !== anchor.file_sha256 || digest !== manifest.file_sha256) {
      fail(`${manifest.file} is not the file archived (its SHA-256 differs from the anchor's): it was changed`);
      continue;
    }
    let lines: ArchiveLine[];
    try {
      lines = readLines(file);
    } catch (error) {
      fail(String((error as Error).message));
      continue;
    }
    const checked = checkArchiveLines(lines);
    if (checked.problem) {
      fail(`${manifest.file} ${checked.problem}`);
      continue;
    }
    const anchored: ArchivedRun[] = typeof anchor.runs === "string" ? JSON.parse(anchor.runs) : anchor.runs;
    const same = (a: ArchivedRun[], b: ArchivedRun[]) =>
      a.length === b.length &&
      a.every(
        (r, i) =>
          Number(r.first_seq) === Number(b[i].first_seq) &&
          r.prev_hash === b[i].prev_hash &&
          Number(r.last_seq) === Number(b[i].last_seq) &&
          r.last_hash === b[i].last_hash &&
          Number(r.rows) === Number(b[i].rows),
      );
    if (!same(checked.runs, anchored) || lines.length !== Number(anchor.rows)) {
      fail(`${manifest.file} does not hold the rows anchored for ${month} in the database`);
      continue;
    }
    if (lines.some((l) => l.seq === 1) && lines.find((l) => l.seq === 1)?.prev_hash !== GENESIS_HASH) {
      fail(`${manifest.file}: the first row of the chain does not start from the genesis hash`);
      continue;
    }
    checks.push({ month, rows: lines.length });
  }
  for (const anchor of anchors.rows)
    if (!seen.has(anchor.month))
      checks.push({
        month: anchor.month,
        rows: Number(anchor.rows),
        problem: `${anchor.month} is archived but its manifest is not in ${dir}`,
      });
  return checks;
}
