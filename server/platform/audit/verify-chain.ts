import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { chainHash, GENESIS_HASH } from "./audit-log.js";
import "./tables.js";

export type ChainProblemKind =
  /** The row's content no longer matches its hash: a field was edited. */
  | "hash_mismatch"
  /** The row does not follow the one before it: rows were swapped, reordered or their links edited. */
  | "prev_hash_mismatch"
  /** Rows are missing before this one (a gap in seq where the chain breaks): deleted. */
  | "rows_missing"
  /** The chain ends before the recorded head: its tail was cut off. */
  | "tail_missing"
  /** The last row or the row count disagrees with the recorded head. */
  | "head_mismatch";

export interface ChainProblem {
  seq: number;
  kind: ChainProblemKind;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Rows walked (up to the head recorded when the walk began). */
  rows: number;
  lastSeq: number;
  lastHash: string;
  problem?: ChainProblem;
}

type Row = Awaited<ReturnType<typeof batchAfter>>[number];

function batchAfter(db: Kysely<Database>, afterSeq: number, upToSeq: number, size: number) {
  return db
    .selectFrom("audit_event")
    .selectAll()
    .where("seq", ">", afterSeq)
    .where("seq", "<=", upToSeq)
    .orderBy("seq")
    .limit(size)
    .execute();
}

/** What is wrong with `row` given the row before it (seq 0 and the genesis hash before the first), or null. */
function checkRow(row: Row, prevSeq: number, prevHash: string): ChainProblem | null {
  if (row.prev_hash !== prevHash) {
    // A gap in seq alone is harmless (a rolled-back append used a number); a
    // gap where the chain also breaks means the rows in between were removed.
    if (row.seq > prevSeq + 1) {
      const range = row.seq - 1 === prevSeq + 1 ? `row ${prevSeq + 1} is` : `rows ${prevSeq + 1}–${row.seq - 1} are`;
      return {
        seq: row.seq,
        kind: "rows_missing",
        message: `${range} missing before seq ${row.seq} (deleted): its prev_hash names a row that is not there`,
      };
    }
    return {
      seq: row.seq,
      kind: "prev_hash_mismatch",
      message: `prev_hash does not match the hash of the previous row (seq ${prevSeq}): rows swapped, reordered or relinked`,
    };
  }
  const expected = chainHash(row.prev_hash, {
    occurred_at: new Date(row.occurred_at),
    actor_user_id: row.actor_user_id,
    site_id: row.site_id,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    field_classes: row.field_classes,
    purpose: row.purpose,
    outcome: row.outcome,
    ip: row.ip,
    request_id: row.request_id,
  });
  if (expected !== row.hash)
    return {
      seq: row.seq,
      kind: "hash_mismatch",
      message: "hash mismatch: the row's content was changed after it was written",
    };
  return null;
}

/**
 * Walks audit_event in seq order, in batches (constant memory on millions of
 * rows), recomputing each hash and link, then compares the end of the chain
 * with the head recorded by every append (audit_chain_head). Returns at the
 * first broken row. Rows appended while the walk runs lie beyond the head read
 * at the start and are left for the next run.
 *
 * Limit: an owner who disables the triggers and rewrites rows, every later
 * hash and the head consistently is not caught from inside the database; keep
 * the printed head (seq and hash) outside it to catch that too.
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { batchSize?: number } = {},
): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const head = await db
    .selectFrom("audit_chain_head")
    .select(["row_count", "last_seq", "last_hash"])
    .executeTakeFirstOrThrow();
  let rows = 0;
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  const broken = (problem: ChainProblem): ChainReport => ({ ok: false, rows, lastSeq, lastHash, problem });
  for (;;) {
    const batch = await batchAfter(db, lastSeq, head.last_seq, batchSize);
    for (const row of batch) {
      const problem = checkRow(row, lastSeq, lastHash);
      if (problem) return broken(problem);
      rows += 1;
      lastSeq = row.seq;
      lastHash = row.hash;
    }
    if (batch.length < batchSize) break;
  }
  if (lastSeq < head.last_seq) {
    return broken({
      seq: lastSeq,
      kind: "tail_missing",
      message: `the chain ends at seq ${lastSeq} but the recorded head is seq ${head.last_seq} (${head.row_count} rows): the rows after seq ${lastSeq} are missing (truncated)`,
    });
  }
  if (lastHash !== head.last_hash || rows !== head.row_count) {
    return broken({
      seq: lastSeq,
      kind: "head_mismatch",
      message: `the last row (seq ${lastSeq}, ${rows} rows) does not match the recorded head (${head.row_count} rows ending with another hash)`,
    });
  }
  return { ok: true, rows, lastSeq, lastHash };
}

/** One line for people: "audit chain ok: N rows" or the first broken row. */
export function describeChainReport(report: ChainReport): string {
  if (report.ok)
    return `audit chain ok: ${report.rows} rows (last seq ${report.lastSeq}, hash ${report.lastHash.slice(0, 16)}…)`;
  return `audit chain broken at seq ${report.problem!.seq}: ${report.problem!.message} (${report.rows} rows verified before it)`;
}
