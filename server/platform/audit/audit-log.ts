import crypto from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import type { AnyActor } from "../access/actor.js";
import type { AuditAction, DeniedRouteAction } from "./actions.js";
import "./tables.js";

export interface AuditEntry {
  /** What was done (a typed action), or for a refused request the route it tried. */
  action: AuditAction | DeniedRouteAction;
  entityType: string;
  entityId?: string | null;
  siteId?: string | null;
  fieldClasses?: string[];
  purpose?: string | null;
  outcome: "success" | "denied" | "failure";
}

/** Who acted, for a row: a signed-in actor, the system, or a not-yet-signed-in client. */
export interface AuditIdentity {
  userId: string | null;
  ip: string | null;
  requestId: string | null;
  purpose?: string;
}

function identityOf(who: AnyActor | AuditIdentity): AuditIdentity {
  if (!("kind" in who)) return who;
  if (who.kind === "user") return { userId: who.userId, ip: who.ip, requestId: who.requestId };
  return { userId: null, ip: null, requestId: who.requestId, purpose: who.reason };
}

export const GENESIS_HASH = "0".repeat(64);

// One lock id for the chain: appends are serialised so each row can name the
// hash of the one before it, across every app instance on the database.
const AUDIT_CHAIN_LOCK = 4_242_001;

export interface AuditRowForHash {
  occurred_at: Date;
  actor_user_id: string | null;
  site_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  field_classes: string[];
  purpose: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
}

/** The canonical form a row's hash covers: fixed key order, ISO instants. */
export function canonicalAuditRow(row: AuditRowForHash): string {
  return JSON.stringify([
    row.occurred_at.toISOString(),
    row.actor_user_id,
    row.site_id,
    row.action,
    row.entity_type,
    row.entity_id,
    [...row.field_classes],
    row.purpose,
    row.outcome,
    row.ip,
    row.request_id,
  ]);
}

export function chainHash(prevHash: string, row: AuditRowForHash): string {
  return crypto.createHash("sha256").update(prevHash).update("\n").update(canonicalAuditRow(row)).digest("hex");
}

/**
 * Appends one audit row inside the caller's transaction: if the audit write
 * fails, the whole request fails with it, and a rolled-back change leaves no
 * row behind. Never put sensitive values in `entry`; name the field class.
 */
export async function recordAudit(
  trx: Transaction<Database> | Kysely<Database>,
  who: AnyActor | AuditIdentity,
  entry: AuditEntry,
): Promise<void> {
  if (!trx.isTransaction) return trx.transaction().execute((t) => recordAudit(t, who, entry));
  const actor = identityOf(who);
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  // Chain from the recorded head, not from whatever row is last: if someone
  // cut rows off the tail, the next row then visibly fails to follow the rest.
  const head = await trx.selectFrom("audit_chain_head").select(["last_seq", "last_hash"]).executeTakeFirstOrThrow();
  const prevHash = head.last_hash;
  // Millisecond precision so the instant survives the round trip unchanged.
  const row: AuditRowForHash = {
    occurred_at: new Date(Math.floor(Date.now())),
    actor_user_id: actor.userId,
    site_id: entry.siteId ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    field_classes: entry.fieldClasses ?? [],
    purpose: entry.purpose ?? actor.purpose ?? null,
    outcome: entry.outcome,
    ip: actor.ip,
    request_id: actor.requestId,
  };
  const hash = chainHash(prevHash, row);
  // Gapless: the next number after the head (migration 0370 refuses any other).
  const seq = Number(head.last_seq) + 1;
  await trx
    .insertInto("audit_event")
    .values({ seq, ...row, outcome: entry.outcome, prev_hash: prevHash, hash })
    .execute();
  await trx
    .updateTable("audit_chain_head")
    .set((eb) => ({
      row_count: eb("row_count", "+", 1),
      last_seq: seq,
      last_hash: hash,
      updated_at: new Date(),
    }))
    .execute();
}
