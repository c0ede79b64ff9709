import { type Kysely, sql } from "kysely";
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
  | "head_mismatch"
  /** The table holds rows the chain does not (inserted beyond the head, outside the append protocol). */
  | "rows_outside_chain"
  /** A head anchored outside the database is no longer in the chain: it was cut back, replaced or rewritten. */
  | "anchor_missing";

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
  // Appends number rows from the head, gaplessly, from 1 (migration 0370): any
  // gap, or a first row that is not 1, means the rows in between were removed.
  if (row.seq !== prevSeq + 1) {
    const range = row.seq - 1 === prevSeq + 1 ? `row ${prevSeq + 1} is` : `rows ${prevSeq + 1}–${row.seq - 1} are`;
    return {
      seq: row.seq,
      kind: "rows_missing",
      message: `${range} missing before seq ${row.seq} (deleted)`,
    };
  }
  if (row.prev_hash !== prevHash) {
    return {
      seq: row.seq,
      kind: "prev_hash_mismatch",
      message:
        `prev_hash does not match the hash of the previous row (seq ${prevSeq}): rows swapped, reordered ` +
        `or relinked`,
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

/** A head recorded outside the database by `qpi audit anchor` (anchors.ts). */
export interface AnchoredHead {
  seq: number;
  hash: string;
  /** When it was taken (ISO), and where it was read from, for messages. */
  at: string;
  source?: string;
}

/**
 * Walks audit_event in seq order, in batches (constant memory on millions of
 * rows), recomputing each hash and link and requiring seq to run 1, 2, 3 …
 * without a gap; then compares the end of the chain with the head recorded by
 * every append (audit_chain_head), counts every row of the table (a row the
 * walk did not reach — beyond the head — fails the check), and, given heads
 * anchored outside the database, proves the chain still holds each of them.
 * Returns at the first problem. Rows appended while the walk runs lie beyond
 * the head read at the start and are left for the next run.
 *
 * Limit: someone with the database owner's rights can disable the triggers and
 * rewrite rows, every later hash and the head consistently; only the anchors,
 * kept where that person cannot write, catch that (README "What the audit chain
 * guarantees").
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { batchSize?: number; anchors?: AnchoredHead[] } = {},
): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const anchors = [...(options.anchors ?? [])].sort((a, b) => a.seq - b.seq);
  const anchoredAt = new Map<number, AnchoredHead[]>();
  for (const anchor of anchors) anchoredAt.set(anchor.seq, [...(anchoredAt.get(anchor.seq) ?? []), anchor]);
  const head = await db
    .selectFrom("audit_chain_head")
    .select(["row_count", "last_seq", "last_hash"])
    .executeTakeFirstOrThrow();
  let rows = 0;
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  const broken = (problem: ChainProblem): ChainReport => ({ ok: false, rows, lastSeq, lastHash, problem });
  const anchorProblem = (anchor: AnchoredHead, found: string): ChainProblem => ({
    seq: anchor.seq,
    kind: "anchor_missing",
    message:
      `the head anchored at ${anchor.at}${anchor.source ? ` (${anchor.source})` : ""} — seq ${anchor.seq}, hash ` +
      `${anchor.hash.slice(0, 16)}… — is not in the chain: ${found}; the log was cut back, replaced or rewritten ` +
      `after it was anchored`,
  });
  for (const anchor of anchoredAt.get(0) ?? [])
    if (anchor.hash !== GENESIS_HASH) return broken(anchorProblem(anchor, "seq 0 is the empty chain"));
  for (;;) {
    const batch = await batchAfter(db, lastSeq, head.last_seq, batchSize);
    for (const row of batch) {
      const problem = checkRow(row, lastSeq, lastHash);
      if (problem) return broken(problem);
      for (const anchor of anchoredAt.get(row.seq) ?? [])
        if (anchor.hash !== row.hash)
          return broken(anchorProblem(anchor, `row ${row.seq} now has hash ${row.hash.slice(0, 16)}…`));
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
      message:
        `the chain ends at seq ${lastSeq} but the recorded head is seq ${head.last_seq} (${head.row_count} ` +
        `rows): the rows after seq ${lastSeq} are missing (truncated)`,
    });
  }
  if (lastHash !== head.last_hash || rows !== head.row_count) {
    return broken({
      seq: lastSeq,
      kind: "head_mismatch",
      message:
        `the last row (seq ${lastSeq}, ${rows} rows) does not match the recorded head (${head.row_count} rows ` +
        `ending with another hash)`,
    });
  }
  const beyond = anchors.find((a) => a.seq > lastSeq);
  if (beyond) return broken(anchorProblem(beyond, `the chain ends at seq ${lastSeq}`));
  // Every row of the table, not only those walked: in one statement (one
  // snapshot) with the head, so appends since the walk began count on both sides.
  const table = await sql<{
    rows: string | number;
    max_seq: string | number | null;
    head_rows: string | number;
    head_seq: string | number;
  }>`
    SELECT count(*) AS rows, max(seq) AS max_seq,
      (SELECT row_count FROM audit_chain_head) AS head_rows, (SELECT last_seq FROM audit_chain_head) AS head_seq
    FROM audit_event`.execute(db);
  const counted = table.rows[0];
  if (Number(counted.rows) !== Number(counted.head_rows) || Number(counted.max_seq ?? 0) !== Number(counted.head_seq)) {
    return broken({
      seq: Number(counted.max_seq ?? 0),
      kind: "rows_outside_chain",
      message:
        `the table holds ${counted.rows} rows up to seq ${counted.max_seq ?? 0} but the chain ` +
        `${counted.head_rows} rows up to seq ${counted.head_seq}: rows were inserted outside the chain`,
    });
  }
  return { ok: true, rows, lastSeq, lastHash };
}

/** One line for people: "audit chain ok: N rows" or the first broken row. */
export function describeChainReport(report: ChainReport): string {
  if (report.ok)
    return `audit chain ok: ${report.rows} rows (last seq ${report.lastSeq}, hash ${report.lastHash.slice(0, 16)}…)`;
  return (
    `audit chain broken at seq ${report.problem!.seq}: ${report.problem!.message} (${report.rows} rows verified ` +
    `before it)`
  );
}
