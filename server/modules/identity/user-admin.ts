import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { AnyActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { checkPasswordPolicy } from "../../platform/auth/password-policy.js";
import { hashPassword } from "../../platform/auth/passwords.js";
import { revokeAllSessionsOf } from "../../platform/auth/sessions.js";
import { AppError, invalid } from "../../platform/errors/app-error.js";

export interface NewUser {
  email: string;
  givenName: string;
  familyName: string;
  role: string;
  siteCode: string;
  unitName?: string;
  language: "en" | "es";
  password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a person, their account and one role grant, audited, in one transaction. */
export async function addUser(db: Kysely<Database>, actor: AnyActor, input: NewUser) {
  const problems = [];
  if (!EMAIL.test(input.email)) problems.push({ field: "email", messageKey: "validation.email" });
  if (!input.givenName.trim()) problems.push({ field: "givenName", messageKey: "validation.required" });
  if (!input.familyName.trim()) problems.push({ field: "familyName", messageKey: "validation.required" });
  if (problems.length) throw invalid(problems);
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const role = await trx.selectFrom("role").select("code").where("code", "=", input.role).executeTakeFirst();
    if (!role) throw invalid([{ field: "role", messageKey: "validation.unknown_role", params: { role: input.role } }]);
    const site = await trx.selectFrom("site").select("id").where("code", "=", input.siteCode).executeTakeFirst();
    if (!site)
      throw invalid([{ field: "site", messageKey: "validation.unknown_site", params: { site: input.siteCode } }]);
    let unitId: string | null = null;
    if (input.unitName) {
      const unit = await trx
        .selectFrom("unit")
        .select("id")
        .where("site_id", "=", site.id)
        .where("name", "=", input.unitName)
        .executeTakeFirst();
      if (!unit)
        throw invalid([{ field: "unit", messageKey: "validation.unknown_unit", params: { unit: input.unitName } }]);
      unitId = unit.id;
    }
    const taken = await trx
      .selectFrom("user_account")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", input.email.toLowerCase()))
      .executeTakeFirst();
    if (taken) throw new AppError("conflict", "error.email_taken");
    const person = await trx
      .insertInto("person")
      .values({
        site_id: site.id,
        given_name: input.givenName.trim(),
        family_name: input.familyName.trim(),
        email: input.email,
        preferred_language: input.language,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto("user_account")
      .values({
        person_id: person.id,
        email: input.email,
        password_hash: passwordHash,
        preferred_language: input.language,
      })
      .returning(["id", "email"])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("role_grant")
      .values({ user_id: user.id, role_code: input.role, site_id: site.id, unit_id: unitId })
      .execute();
    await recordAudit(trx, actor, {
      action: "user.create",
      entityType: "user_account",
      entityId: user.id,
      siteId: site.id,
      outcome: "success",
    });
    return user;
  });
}

/** Disables an account; every session it had ends at once. */
export async function disableUser(db: Kysely<Database>, actor: AnyActor, email: string) {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("user_account")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
      .executeTakeFirst();
    if (!user) throw new AppError("not_found");
    await trx.updateTable("user_account").set({ status: "disabled" }).where("id", "=", user.id).execute();
    await revokeAllSessionsOf(trx, user.id);
    await recordAudit(trx, actor, {
      action: "user.disable",
      entityType: "user_account",
      entityId: user.id,
      outcome: "success",
    });
  });
}
