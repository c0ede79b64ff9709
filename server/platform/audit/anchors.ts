import fs from "node:fs";
import path from "node:path";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import type { JobDefinition } from "../jobs/scheduler.js";
import { sealAuditNow } from "./sealer.js";
import type { AnchoredHead } from "./verify-chain.js";
import "./tables.js";

/**
 * Anchors of the audit chain: its head (seq, hash, time) written outside the
 * database, to a file only ever appended to, in a folder the operator names
 * (another disk, a mounted share, a folder a backup or WORM store copies).
 * `qpi audit verify --anchors DIR` then proves the chain still holds every
 * anchored head: a log wiped and restarted, cut back, or rewritten from some
 * row on by someone who can switch the triggers off no longer does.
 */
export const ANCHOR_FILE = "qpi-audit-anchors.jsonl";

export interface AnchorLine {
  seq: number;
  hash: string;
  rows: number;
  at: string;
}

/** The head as the database records it now. */
export async function currentHead(db: Kysely<Database> | Transaction<Database>, now: Date): Promise<AnchorLine> {
  const head = await db
    .selectFrom("audit_chain_head")
    .select(["row_count", "last_seq", "last_hash"])
    .executeTakeFirstOrThrow();
  return { seq: Number(head.last_seq), hash: head.last_hash, rows: Number(head.row_count), at: now.toISOString() };
}

/** Appends one anchor line (O_APPEND, then fsync) to DIR/qpi-audit-anchors.jsonl; creates the folder if needed. */
export function appendAnchor(dir: string, anchor: AnchorLine): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ANCHOR_FILE);
  const fd = fs.openSync(file, "a", 0o640);
  try {
    fs.writeSync(fd, `${JSON.stringify(anchor)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/** Seals what has committed first, so the head anchored covers every row written so far. */
export async function anchorAuditHead(db: Kysely<Database> | Transaction<Database>, dir: string, now = new Date()) {
  await sealAuditNow(db);
  const anchor = await currentHead(db, now);
  return { anchor, file: appendAnchor(dir, anchor) };
}

/**
 * Every anchor in the folder's *.jsonl files. A line that is not an anchor is
 * an error (an anchor file is never edited), not something to skip.
 */
export function readAnchors(dir: string): AnchoredHead[] {
  if (!fs.existsSync(dir)) throw new Error(`the anchor folder ${dir} does not exist`);
  const anchors: AnchoredHead[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()) {
    const lines = fs.readFileSync(path.join(dir, name), "utf8").split("\n");
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let parsed: Partial<AnchorLine>;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`${name} line ${i + 1} is not an anchor (not JSON)`);
      }
      if (
        !Number.isInteger(parsed.seq) ||
        (parsed.seq as number) < 0 ||
        typeof parsed.hash !== "string" ||
        !/^[0-9a-f]{64}$/.test(parsed.hash) ||
        typeof parsed.at !== "string"
      )
        throw new Error(`${name} line ${i + 1} is not an anchor (needs seq, hash and at)`);
      anchors.push({ seq: parsed.seq as number, hash: parsed.hash, at: parsed.at, source: `${name} line ${i + 1}` });
    });
  }
  return anchors;
}

/**
 * The scheduler job that anchors the head (hourly by default) into `dir`.
 * Its scheduled_job row is added when the job is first set up, so a platform
 * without an anchor folder has none.
 */
export async function auditAnchorJobs(
  db: Kysely<Database>,
  dir: string | undefined,
  intervalSecs = 3600,
): Promise<Record<string, JobDefinition>> {
  if (!dir) return {};
  await sql`INSERT INTO scheduled_job (name, interval_secs) VALUES ('audit_anchor', ${intervalSecs})
    ON CONFLICT (name) DO NOTHING`.execute(db);
  return {
    audit_anchor: {
      async run(trx, now) {
        const { anchor, file } = await anchorAuditHead(trx, dir, now);
        return { seq: anchor.seq, file };
      },
    },
  };
}
