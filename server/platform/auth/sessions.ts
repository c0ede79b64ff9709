import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";

export interface SessionPolicy {
  staffIdleMinutes: number;
  familyIdleMinutes: number;
  absoluteHours: number;
}

// Defaults from the access issue (security.md §session): a jurisdiction may
// set its own through its policy.
export const defaultSessionPolicy: SessionPolicy = { staffIdleMinutes: 15, familyIdleMinutes: 30, absoluteHours: 12 };

// Sliding the idle deadline on every request would write on every read; once
// a minute is precise enough for a 15-minute idle timeout.
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

/** The session behind a cookie token, if it is live; slides its idle deadline. */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  idleMinutesOf: (userId: string) => Promise<number>,
  now: Date = new Date(),
): Promise<LiveSession | null> {
  const idHash = hashToken(token);
  const row = await db
    .selectFrom("session")
    .innerJoin("user_account", "user_account.id", "session.user_id")
    .select([
      "session.user_id",
      "session.csrf_token",
      "session.last_seen_at",
      "session.idle_expires_at",
      "session.absolute_expires_at",
    ])
    .where("session.id_hash", "=", idHash)
    .where("session.revoked_at", "is", null)
    .where("user_account.status", "=", "active")
    .executeTakeFirst();
  if (!row || row.idle_expires_at <= now || row.absolute_expires_at <= now) return null;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    const idle = await idleMinutesOf(row.user_id);
    const next = new Date(Math.min(now.getTime() + idle * 60_000, row.absolute_expires_at.getTime()));
    await db
      .updateTable("session")
      .set({ last_seen_at: now, idle_expires_at: next })
      .where("id_hash", "=", idHash)
      .execute();
  }
  return { idHash, userId: row.user_id, csrfToken: row.csrf_token };
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
