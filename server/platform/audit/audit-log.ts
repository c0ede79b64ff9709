import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import type { AnyActor } from "../access/actor.js";
import type { AuditAction, DeniedRouteAction } from "./actions.js";
import "./tables.js";

export interface AuditEntry {
  /** What was done (a typed action), or for a refused request the route it tried. */
  action: AuditAction | DeniedRouteAction;
  entityType: string;
  entityId?: string | null;
  /** The records a list read showed (UUIDs), stored compactly in entity_ids; entityId stays null then. */
  entityIds?: string[];
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

// The chain's lock: only the sealer takes it (sealer.ts), never an append.
export const AUDIT_CHAIN_LOCK = 4_242_001;

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
  /** Set on list reads only (migration 0390); absent or null keeps the eleven-element form of older rows. */
  entity_ids?: string[] | null;
}

/**
 * The canonical form a row's hashes cover: fixed key order, ISO instants. A
 * list read's entity_ids are a twelfth element; rows without them keep the
 * form they were hashed in before migration 0390.
 */
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
    ...(row.entity_ids ? [[...row.entity_ids]] : []),
  ]);
}

/** A row's own hash (row_hash), written with it before it is sealed: its canonical form alone. */
export function contentHash(row: AuditRowForHash): string {
  return crypto.createHash("sha256").update(canonicalAuditRow(row)).digest("hex");
}

export function chainHash(prevHash: string, row: AuditRowForHash): string {
  return crypto.createHash("sha256").update(prevHash).update("\n").update(canonicalAuditRow(row)).digest("hex");
}

/**
 * Appends one audit row inside the caller's transaction: if the audit write
 * fails, the whole request fails with it, and a rolled-back change leaves no
 * row behind. The row goes in unsealed, with its own hash and no lock: the
 * sealer (sealer.ts) gives it its place in the chain once it has committed,
 * normally within a second. Never put sensitive values in `entry`; name the
 * field class.
 */
export async function recordAudit(
  trx: Transaction<Database> | Kysely<Database>,
  who: AnyActor | AuditIdentity,
  entry: AuditEntry,
): Promise<void> {
  const actor = identityOf(who);
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
    // As PostgreSQL prints a uuid, so the hash written here is the one it recomputes.
    entity_ids: entry.entityIds ? entry.entityIds.map((id) => id.toLowerCase()) : null,
  };
  // One statement: atomic on its own outside a transaction, part of the caller's inside one.
  await trx
    .insertInto("audit_event")
    .values({ ...row, outcome: entry.outcome, row_hash: contentHash(row) })
    .execute();
}
