import type { Kysely } from "kysely";
import type { AccessScope, Database } from "../../db/database.js";
import "./grant-tables.js";
import "./tables.js";

export type AccountStatus = "invited" | "active" | "disabled";
export type TokenPurpose = "invitation" | "password_reset";

/**
 * All SQL of identity's accounts, role grants, invitations, tokens and site
 * security policy. Services call it with `db` or with their transaction.
 * People, sites and units belong to the network module: identity reaches them
 * through `networkDirectory` (network/service.ts), never their tables.
 */
export function identityRepository(db: Kysely<Database>) {
  return {
    // ---- roles and who may grant them ----

    async roleExists(code: string) {
      return Boolean(await db.selectFrom("role").select("code").where("code", "=", code).executeTakeFirst());
    },

    /** The permissions a role holds, with their scopes (role_permission). */
    async permissionsOfRole(code: string): Promise<{ permission: string; scope: AccessScope }[]> {
      const rows = await db
        .selectFrom("role_permission")
        .select(["permission_code", "scope"])
        .where("role_code", "=", code)
        .execute();
      return rows.map((r) => ({ permission: r.permission_code, scope: r.scope }));
    },

    /** Whether any of `granterRoles` may grant `role` (role_grantable). */
    async isGrantableBy(granterRoles: string[], role: string) {
      if (granterRoles.length === 0) return false;
      const row = await db
        .selectFrom("role_grantable")
        .select("grantable_role_code")
        .where("granter_role_code", "in", granterRoles)
        .where("grantable_role_code", "=", role)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** A role from `starts_on`, the site's calendar day the grant is made (never the database's UTC date). */
    async insertRoleGrant(values: {
      user_id: string;
      role_code: string;
      site_id: string;
      unit_id: string | null;
      starts_on: string;
    }) {
      await db.insertInto("role_grant").values(values).execute();
    },

    // ---- accounts ----

    /** The account with this email, compared as the lower-cased key. */
    async accountByEmailKey(key: string) {
      return db
        .selectFrom("user_account")
        .select(["id", "email", "status", "preferred_language"])
        .where((eb) => eb(eb.fn("lower", ["email"]), "=", key))
        .executeTakeFirst();
    },

    async accountOfPerson(personId: string) {
      return db.selectFrom("user_account").select("id").where("person_id", "=", personId).executeTakeFirst();
    },

    async account(userId: string) {
      return db
        .selectFrom("user_account")
        .select(["id", "email", "person_id", "status", "password_hash", "preferred_language"])
        .where("id", "=", userId)
        .executeTakeFirst();
    },

    async insertAccount(values: {
      person_id: string;
      email: string;
      password_hash: string | null;
      status?: AccountStatus;
      preferred_language: "en" | "es";
    }) {
      return db.insertInto("user_account").values(values).returning(["id", "email"]).executeTakeFirstOrThrow();
    },

    /** An account with its role grants at a site (one row per grant); empty when it has none there. */
    async accountGrantsAtSite(userId: string, siteId: string) {
      return db
        .selectFrom("user_account")
        .innerJoin("role_grant", "role_grant.user_id", "user_account.id")
        .select([
          "user_account.id",
          "user_account.email",
          "user_account.person_id",
          "user_account.status",
          "user_account.password_hash",
          "user_account.preferred_language",
          "role_grant.role_code",
        ])
        .where("user_account.id", "=", userId)
        .where("role_grant.site_id", "=", siteId)
        .execute();
    },

    /** Sets the first password of an invited account and activates it; the email, or undefined when not invited. */
    async activateInvited(userId: string, passwordHash: string) {
      const row = await db
        .updateTable("user_account")
        .set({ password_hash: passwordHash, status: "active" })
        .where("id", "=", userId)
        .where("status", "=", "invited")
        .returning("email")
        .executeTakeFirst();
      return row?.email;
    },

    /** A new password for an active account; the email, or undefined when not active. */
    async setPasswordOfActive(userId: string, passwordHash: string) {
      const row = await db
        .updateTable("user_account")
        .set({ password_hash: passwordHash })
        .where("id", "=", userId)
        .where("status", "=", "active")
        .returning("email")
        .executeTakeFirst();
      return row?.email;
    },

    /** Changes an account's status; `bumpVersion` when an administrator changed it through the API. */
    async setStatus(userId: string, status: AccountStatus, bumpVersion: boolean) {
      await db
        .updateTable("user_account")
        .set((eb) => (bumpVersion ? { status, version: eb("version", "+", 1) } : { status }))
        .where("id", "=", userId)
        .execute();
    },

    /** The role grants of a site with their accounts and whether each has a confirmed second factor. */
    async siteGrants(siteId: string) {
      return db
        .selectFrom("role_grant")
        .innerJoin("user_account", "user_account.id", "role_grant.user_id")
        .leftJoin("user_totp", "user_totp.user_id", "user_account.id")
        .select([
          "user_account.id",
          "user_account.email",
          "user_account.status",
          "user_account.person_id",
          "role_grant.role_code",
          "user_totp.confirmed_at",
        ])
        .where("role_grant.site_id", "=", siteId)
        .execute();
    },

    // ---- single-use tokens (only the hash is stored) ----

    /** Ends the live tokens of a purpose, so only the newest link works. */
    async expireLiveTokens(userId: string, purpose: TokenPurpose, now: Date) {
      await db
        .updateTable("account_token")
        .set({ used_at: now })
        .where("user_id", "=", userId)
        .where("purpose", "=", purpose)
        .where("used_at", "is", null)
        .execute();
    },

    async insertToken(values: {
      id_hash: string;
      user_id: string;
      purpose: TokenPurpose;
      site_id: string | null;
      created_by: string | null;
      expires_at: Date;
      created_at: Date;
    }) {
      await db.insertInto("account_token").values(values).execute();
    },

    async liveToken(idHash: string, purpose: TokenPurpose, now: Date) {
      return db
        .selectFrom("account_token")
        .selectAll()
        .where("id_hash", "=", idHash)
        .where("purpose", "=", purpose)
        .where("used_at", "is", null)
        .where("expires_at", ">", now)
        .executeTakeFirst();
    },

    /** Marks a token used; false when it was used already. */
    async consumeToken(idHash: string, now: Date) {
      const result = await db
        .updateTable("account_token")
        .set({ used_at: now })
        .where("id_hash", "=", idHash)
        .where("used_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async tokensIssuedSince(userId: string, purpose: TokenPurpose, since: Date) {
      const row = await db
        .selectFrom("account_token")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("user_id", "=", userId)
        .where("purpose", "=", purpose)
        .where("created_at", ">", since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    // ---- the site's security policy ----

    async writeSecurityPolicy(
      siteId: string,
      values: {
        staff_idle_minutes: number;
        family_idle_minutes: number;
        absolute_hours: number;
        mfa_required_for_staff: boolean;
        updated_at: Date;
      },
      version: number,
    ) {
      await db
        .insertInto("site_security_policy")
        .values({ site_id: siteId, ...values, version })
        .onConflict((oc) => oc.column("site_id").doUpdateSet({ ...values, version }))
        .execute();
    },
  };
}
