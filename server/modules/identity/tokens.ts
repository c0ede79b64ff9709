import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { hashToken } from "../../platform/auth/sessions.js";
import "./tables.js";

export type TokenPurpose = "invitation" | "password_reset";

/** How long a link works: an invitation a week, a reset an hour (OWASP Forgot Password Cheat Sheet). */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 3_600_000,
  password_reset: 3_600_000,
};

/** Issues a single-use token; only its hash is stored. Earlier live tokens of the same purpose stop working. */
export async function issueToken(
  db: Kysely<Database>,
  input: { userId: string; purpose: TokenPurpose; siteId?: string | null; createdBy?: string | null; now: Date },
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db
    .updateTable("account_token")
    .set({ used_at: input.now })
    .where("user_id", "=", input.userId)
    .where("purpose", "=", input.purpose)
    .where("used_at", "is", null)
    .execute();
  await db
    .insertInto("account_token")
    .values({
      id_hash: hashToken(token),
      user_id: input.userId,
      purpose: input.purpose,
      site_id: input.siteId ?? null,
      created_by: input.createdBy ?? null,
      expires_at: new Date(input.now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
      created_at: input.now,
    })
    .execute();
  return token;
}

/** The live token's row, or undefined when it is unknown, used or expired. */
export async function liveToken(db: Kysely<Database>, token: string, purpose: TokenPurpose, now: Date) {
  return db
    .selectFrom("account_token")
    .selectAll()
    .where("id_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

/** Marks a token used; false when someone else used it first (two tabs, a replay). */
export async function consumeToken(db: Kysely<Database>, idHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("account_token")
    .set({ used_at: now })
    .where("id_hash", "=", idHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
