import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import type { JobDefinition } from "../jobs/scheduler.js";
import { AUDIT_CHAIN_LOCK, type AuditRowForHash, chainHash, contentHash } from "./audit-log.js";
import "./tables.js";

/** One unsealed row whose content no longer matches its own hash: sealing stops at it. */
export interface UnsealableRow {
  id: number;
  message: string;
}

export interface SealResult {
  /** Rows sealed by this call. */
  sealed: number;
  /** The head after it. */
  lastSeq: number;
  /** Another instance held the chain's lock: nothing was done here. */
  busy: boolean;
  /** Sealing stopped at this row (altered before it was sealed); it and every row after it stay unsealed. */
  blockedAt?: UnsealableRow;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The hashed fields of a stored row, as the canonical form reads them. */
export function hashedFields(row: {
  occurred_at: Date | string;
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
}): AuditRowForHash {
  return {
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
    entity_ids: row.entity_ids,
  };
}

/** A stored row with its hashes, as the database or an archive file holds it. */
type StoredHashes = Parameters<typeof hashedFields>[0] & {
  seq: number | string | null;
  row_hash: string | null;
  prev_hash: string | null;
  hash: string | null;
};

/**
 * Which of a row's stored hashes no longer match its content, or null: "hash" when a sealed row's chain hash is
 * not its content linked to its prev_hash; "row_hash" when the hash written with the row differs (every unsealed
 * row has one; rows sealed before migration 0390 have none). The sealer, the verifier and the archive all ask this.
 */
export function hashMismatch(row: StoredHashes): "hash" | "row_hash" | null {
  const fields = hashedFields(row);
  const sealed = row.seq !== null;
  if (sealed && chainHash(row.prev_hash ?? "", fields) !== row.hash) return "hash";
  if ((!sealed || row.row_hash !== null) && row.row_hash !== contentHash(fields)) return "row_hash";
  return null;
}

/**
 * One batch: in the caller's transaction, under the chain's lock (tried, not
 * waited for: another instance sealing is as good), the oldest unsealed rows
 * by insertion id get the next seqs, their prev_hash and chain hash, and the
 * head moves over them (migration 0390 checks every link again).
 *
 * Commit order: a row is sealed only once its transaction has committed (the
 * sealer sees nothing else), and seqs are given at sealing, after the head, so
 * a row committed later never gets a seq before one already sealed; a long
 * transaction's row simply waits for a later batch.
 *
 * Before sealing, each row's content is checked against its own hash. A row
 * altered since it was written is not chained: sealing stops at it (the rows
 * before it are sealed), it is reported, and `qpi audit verify` names it.
 */
export async function sealBatch(trx: Transaction<Database>, batchSize: number): Promise<SealResult> {
  const locked = await sql<{
    locked: boolean;
  }>`SELECT pg_try_advisory_xact_lock(${AUDIT_CHAIN_LOCK}) AS locked`.execute(trx);
  const headQuery = trx.selectFrom("audit_chain_head").select(["row_count", "last_seq", "last_hash"]);
  if (!locked.rows[0]?.locked) {
    const seen = await headQuery.executeTakeFirstOrThrow();
    return { sealed: 0, lastSeq: Number(seen.last_seq), busy: true };
  }
  const head = await headQuery.forUpdate().executeTakeFirstOrThrow();
  const lastSeq = Number(head.last_seq);
  const rows = await trx
    .selectFrom("audit_event")
    .selectAll()
    .where("seq", "is", null)
    .orderBy("id")
    .limit(batchSize)
    .execute();
  const links: { id: number; seq: number; prev: string; hash: string }[] = [];
  let blockedAt: UnsealableRow | undefined;
  let prev = head.last_hash;
  for (const row of rows) {
    if (hashMismatch(row)) {
      blockedAt = {
        id: Number(row.id),
        message:
          `unsealed audit row id ${row.id} no longer matches its own hash: it was altered before it was ` +
          `sealed; sealing stops here until it is investigated`,
      };
      break;
    }
    const hash = chainHash(prev, hashedFields(row));
    links.push({ id: Number(row.id), seq: lastSeq + links.length + 1, prev, hash });
    prev = hash;
  }
  if (links.length === 0) return { sealed: 0, lastSeq, busy: false, blockedAt };
  const values = sql.join(links.map((l) => sql`(${l.id}::bigint, ${l.seq}::bigint, ${l.prev}::text, ${l.hash}::text)`));
  await sql`UPDATE audit_event AS a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
    FROM (VALUES ${values}) AS v (id, seq, prev_hash, hash) WHERE a.id = v.id`.execute(trx);
  const last = links[links.length - 1];
  await trx
    .updateTable("audit_chain_head")
    .set((eb) => ({
      row_count: eb("row_count", "+", links.length),
      last_seq: last.seq,
      last_hash: last.hash,
      updated_at: new Date(),
    }))
    .execute();
  return { sealed: links.length, lastSeq: last.seq, busy: false, blockedAt };
}

/**
 * Seals every row committed so far, batch after batch (each its own
 * transaction), and returns the total. Tests and the CLI call it to read the
 * chain right after a request; the sealer loop calls it on its timer.
 */
export async function sealAuditNow(db: Db, options: { batchSize?: number } = {}): Promise<SealResult> {
  const batchSize = options.batchSize ?? 1000;
  let total = 0;
  for (;;) {
    const batch = db.isTransaction
      ? await sealBatch(db as Transaction<Database>, batchSize)
      : await db.transaction().execute((trx) => sealBatch(trx, batchSize));
    total += batch.sealed;
    if (batch.busy || batch.blockedAt || batch.sealed < batchSize) return { ...batch, sealed: total };
  }
}

/**
 * The sealer: a timer in every app instance (every `everyMs`, default 250 ms,
 * QPI_AUDIT_SEAL_MS) that seals what has committed; the chain's advisory lock
 * lets one instance at a time do it, the others skip the round. The
 * `audit_seal` scheduler job does the same once a minute through the
 * scheduler's own claim, so sealing goes on (slower) wherever the scheduler runs.
 */
export async function auditSealer(
  db: Kysely<Database>,
  options: { everyMs?: number; batchSize?: number; intervalSecs?: number } = {},
) {
  const everyMs = options.everyMs ?? 250;
  const batchSize = options.batchSize ?? 1000;
  await sql`INSERT INTO scheduled_job (name, interval_secs) VALUES ('audit_seal', ${options.intervalSecs ?? 60})
    ON CONFLICT (name) DO NOTHING`.execute(db);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let reported: number | null = null;
  const round = async () => {
    const result = await sealAuditNow(db, { batchSize });
    if (result.blockedAt && result.blockedAt.id !== reported) console.error(`[audit] ${result.blockedAt.message}`);
    reported = result.blockedAt?.id ?? null;
  };
  const jobs: Record<string, JobDefinition> = {
    audit_seal: {
      async run(trx) {
        const result = await sealBatch(trx, batchSize);
        return { sealed: result.sealed, lastSeq: result.lastSeq, blockedAt: result.blockedAt?.id ?? null };
      },
    },
  };
  return {
    jobs,
    start() {
      const loop = () => {
        running = round()
          .catch((err) => console.error("[audit] sealing failed", err))
          .finally(() => {
            running = null;
            if (timer === null) return;
            timer = setTimeout(loop, everyMs);
            timer.unref();
          });
      };
      timer = setTimeout(loop, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
