import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import { GENESIS_HASH } from "./audit-log.js";
import { hashMismatch } from "./sealer.js";
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
  | "anchor_missing"
  /** A row not yet sealed no longer matches its own hash: it was altered before the sealer reached it. */
  | "unsealed_hash_mismatch"
  /** An archived month's anchor does not join the chain where its rows left it. */
  | "archive_mismatch";

export interface ChainProblem {
  /** The sealed row's seq (0 for an unsealed row, named by `id`). */
  seq: number;
  /** The row's insertion id, for a row not yet sealed. */
  id?: number;
  kind: ChainProblemKind;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Rows walked (up to the head recorded when the walk began). */
  rows: number;
  lastSeq: number;
  lastHash: string;
  /** Rows written but not yet sealed (each checked against its own hash). */
  unsealed: number;
  /** Of `rows`, those in archived months (crossed by their anchors; `qpi audit verify --archive` reads their files). */
  archived: number;
  problem?: ChainProblem;
}

/** A run of consecutive seqs of an archived month (migration 0450, audit_archive.runs). */
export interface ArchivedRun {
  first_seq: number;
  prev_hash: string;
  last_seq: number;
  last_hash: string;
  rows: number;
}

/** Every archived run, by its first seq, with its month. */
async function archivedRuns(db: Kysely<Database>): Promise<Map<number, ArchivedRun & { month: string }>> {
  const rows = await sql<{ month: string; runs: ArchivedRun[] | string }>`
    SELECT to_char(month, 'YYYY-MM') AS month, runs FROM audit_archive`.execute(db);
  const runs = new Map<number, ArchivedRun & { month: string }>();
  for (const row of rows.rows) {
    const list: ArchivedRun[] = typeof row.runs === "string" ? JSON.parse(row.runs) : row.runs;
    for (const run of list) runs.set(Number(run.first_seq), { ...run, month: row.month });
  }
  return runs;
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
  const seq = Number(row.seq);
  // Appends number rows from the head, gaplessly, from 1 (migration 0370): any
  // gap, or a first row that is not 1, means the rows in between were removed.
  if (seq !== prevSeq + 1) {
    const range = seq - 1 === prevSeq + 1 ? `row ${prevSeq + 1} is` : `rows ${prevSeq + 1}–${seq - 1} are`;
    return {
      seq,
      kind: "rows_missing",
      message: `${range} missing before seq ${seq} (deleted)`,
    };
  }
  if (row.prev_hash !== prevHash) {
    return {
      seq,
      kind: "prev_hash_mismatch",
      message:
        `prev_hash does not match the hash of the previous row (seq ${prevSeq}): rows swapped, reordered ` +
        `or relinked`,
    };
  }
  // row_hash (rows written since migration 0390) must agree too: it is what the sealer checked.
  if (hashMismatch(row))
    return {
      seq,
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
  let archived = 0;
  const runs = await archivedRuns(db);
  const pending = await checkUnsealed(db, batchSize);
  const unsealed = pending.rows;
  const broken = (problem: ChainProblem): ChainReport => ({
    ok: false,
    rows,
    lastSeq,
    lastHash,
    unsealed,
    archived,
    problem,
  });
  // Crosses the archived runs that start right after the row last walked: each must name its hash.
  const crossArchived = (): ChainProblem | null => {
    for (let run = runs.get(lastSeq + 1); run; run = runs.get(lastSeq + 1)) {
      if (run.prev_hash !== lastHash)
        return {
          seq: run.first_seq,
          kind: "archive_mismatch",
          message:
            `the archived month ${run.month} (seqs ${run.first_seq}–${run.last_seq}) does not follow the row ` +
            `before it (seq ${lastSeq}): its anchor or the rows around it were changed`,
        };
      for (const anchor of anchors)
        if (anchor.seq === run.last_seq && anchor.hash !== run.last_hash)
          return anchorProblem(anchor, `the archived month ${run.month} ends seq ${run.last_seq} with another hash`);
      rows += Number(run.rows);
      archived += Number(run.rows);
      lastSeq = Number(run.last_seq);
      lastHash = run.last_hash;
    }
    return null;
  };
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
      const crossed = Number(row.seq) !== lastSeq + 1 ? crossArchived() : null;
      if (crossed) return broken(crossed);
      const problem = checkRow(row, lastSeq, lastHash);
      if (problem) return broken(problem);
      const hash = row.hash ?? "";
      for (const anchor of anchoredAt.get(Number(row.seq)) ?? [])
        if (anchor.hash !== hash)
          return broken(anchorProblem(anchor, `row ${row.seq} now has hash ${hash.slice(0, 16)}…`));
      rows += 1;
      lastSeq = Number(row.seq);
      lastHash = hash;
    }
    if (batch.length < batchSize) break;
  }
  const crossedAtEnd = crossArchived();
  if (crossedAtEnd) return broken(crossedAtEnd);
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
    SELECT count(seq) + (SELECT coalesce(sum(rows), 0) FROM audit_archive) AS rows,
      greatest(max(seq), (SELECT max(last_seq) FROM audit_archive)) AS max_seq,
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
  if (pending.problem) return broken(pending.problem);
  return { ok: true, rows, lastSeq, lastHash, unsealed, archived };
}

/**
 * The rows not yet sealed, in insertion order, each against its own hash: how
 * many there are, and the first one altered since it was written (the sealer
 * stops at such a row, so it stays here to be found).
 */
async function checkUnsealed(
  db: Kysely<Database>,
  batchSize: number,
): Promise<{ rows: number; problem?: ChainProblem }> {
  let rows = 0;
  let afterId = 0;
  let problem: ChainProblem | undefined;
  for (;;) {
    const batch = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("seq", "is", null)
      .where("id", ">", afterId)
      .orderBy("id")
      .limit(batchSize)
      .execute();
    for (const row of batch) {
      rows += 1;
      afterId = Number(row.id);
      if (!problem && hashMismatch(row))
        problem = {
          seq: 0,
          id: afterId,
          kind: "unsealed_hash_mismatch",
          message:
            `the unsealed row id ${afterId} no longer matches its own hash: it was altered before it was sealed ` +
            `(sealing stops at it)`,
        };
    }
    if (batch.length < batchSize) return { rows, problem };
  }
}

/** One line for people: "audit chain ok: N rows" or the first broken row. */
export function describeChainReport(report: ChainReport): string {
  const pending = `; ${report.unsealed} not yet sealed`;
  const archived = report.archived ? `, ${report.archived} of them in archived months` : "";
  if (report.ok)
    return (
      `audit chain ok: ${report.rows} rows${archived} (last seq ${report.lastSeq}, hash ` +
      `${report.lastHash.slice(0, 16)}…)${pending}`
    );
  const problem = report.problem!;
  if (problem.kind === "unsealed_hash_mismatch")
    return `audit log broken: ${problem.message} (${report.rows} sealed rows verified${pending})`;
  const verified = `${report.rows} rows verified before it${pending}`;
  return `audit chain broken at seq ${problem.seq}: ${problem.message} (${verified})`;
}
