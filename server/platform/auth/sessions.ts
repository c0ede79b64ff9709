import crypto from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import { type ActorFacts, actorFactsJson } from "../access/load-actor.js";

export interface SessionPolicy {
  staffIdleMinutes: number;
  familyIdleMinutes: number;
  absoluteHours: number;
}

// Defaults from the access issue (security.md §session): a jurisdiction may
// set its own through its policy.
export const defaultSessionPolicy: SessionPolicy = { staffIdleMinutes: 15, familyIdleMinutes: 30, absoluteHours: 12 };

const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export interface NewSession {
  token: string;
  csrfToken: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  /**
   * The user asked to stay signed in on this device: the cookie keeps until
   * absoluteExpiresAt. Otherwise it is a browser-session cookie (no Expires),
   * gone when the browser closes.
   */
  persistent: boolean;
  /** A value for the cookie that marks the browser as one the user signed in from, when the caller issues one. */
  deviceCookie?: string;
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  rules: { idleMinutes: number; absoluteHours: number },
  client: { ip: string | null; userAgent: string | null; remember?: boolean },
  at: Date = new Date(),
): Promise<NewSession> {
  const token = crypto.randomBytes(32).toString("base64url");
  const csrfToken = crypto.randomBytes(24).toString("base64url");
  const now = at.getTime();
  const idleExpiresAt = new Date(now + rules.idleMinutes * 60_000);
  const absoluteExpiresAt = new Date(now + rules.absoluteHours * 3_600_000);
  await db
    .insertInto("session")
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      idle_expires_at: idleExpiresAt,
      absolute_expires_at: absoluteExpiresAt,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
    })
    .execute();
  return { token, csrfToken, idleExpiresAt, absoluteExpiresAt, persistent: client.remember === true };
}

export interface LiveSession {
  idHash: string;
  userId: string;
  csrfToken: string;
}

/** The versions of what an account's actor is built from (migration 0400): equal versions, same actor. */
export interface AccessVersions {
  accessVersion: number;
  accessEpoch: number;
}

/** A session as read on a request: live or not is for the caller to decide against its clock. */
export interface SessionRead extends AccessVersions {
  userId: string;
  csrfToken: string;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  /** The actor's facts, unless the caller knew versions that are still current (then null). */
  facts: ActorFacts | null;
}

/**
 * The session behind a token's hash, with its account's access versions, in one statement; the actor's facts
 * come with it unless `known` versions (of the caller's cached actor) are still current. A revoked session or
 * one of an account that is not active is not found.
 */
export async function readSession(
  db: Kysely<Database>,
  idHash: string,
  known: AccessVersions | null,
): Promise<SessionRead | null> {
  const facts = actorFactsJson(sql.ref("session.user_id"));
  // A scalar subquery on the one row's key, not a join: a join to a table the planner has no statistics for is
  // estimated at a thousand rows, enough to make PostgreSQL compile the statement (JIT, ~20 ms) on every request.
  const epoch = sql<number>`(SELECT version FROM access_epoch WHERE only_row)`;
  const row = await db
    .selectFrom("session")
    .innerJoin("user_account", "user_account.id", "session.user_id")
    .select([
      "session.user_id",
      "session.csrf_token",
      "session.last_seen_at",
      "session.idle_expires_at",
      "session.absolute_expires_at",
      "user_account.access_version",
      epoch.as("access_epoch"),
    ])
    .select(
      (known
        ? // Evaluated only when a version moved: a cached actor costs no more than reading the session.
          sql<ActorFacts | null>`CASE WHEN user_account.access_version = ${known.accessVersion}
            AND ${epoch} = ${known.accessEpoch} THEN NULL ELSE ${facts} END`
        : facts
      ).as("facts"),
    )
    .where("session.id_hash", "=", idHash)
    .where("session.revoked_at", "is", null)
    .where("user_account.status", "=", "active")
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.user_id,
    csrfToken: row.csrf_token,
    lastSeenAt: row.last_seen_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    accessVersion: Number(row.access_version),
    accessEpoch: Number(row.access_epoch),
    facts: row.facts,
  };
}

export function isLive(session: SessionRead, now: Date): boolean {
  return session.idleExpiresAt > now && session.absoluteExpiresAt > now;
}

/**
 * Sliding the idle deadline on every request would write on every read; once a minute is precise enough for a
 * 15-minute idle timeout (the deadline is never more than a minute short of `idle` after the last request).
 */
export function isTouchDue(session: SessionRead, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS;
}

/** Slides a session's idle deadline to `idleMinutes` from now, never past its absolute end. */
export async function touchSession(
  db: Kysely<Database>,
  idHash: string,
  session: SessionRead,
  idleMinutes: number,
  now: Date,
): Promise<void> {
  const next = new Date(Math.min(now.getTime() + idleMinutes * 60_000, session.absoluteExpiresAt.getTime()));
  await db
    .updateTable("session")
    .set({ last_seen_at: now, idle_expires_at: next })
    .where("id_hash", "=", idHash)
    .execute();
}

export async function revokeSession(db: Kysely<Database>, idHash: string, now: Date = new Date()): Promise<void> {
  await db
    .updateTable("session")
    .set({ revoked_at: now })
    .where("id_hash", "=", idHash)
    .where("revoked_at", "is", null)
    .execute();
}

export async function revokeAllSessionsOf(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable("session")
    .set({ revoked_at: new Date() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}
