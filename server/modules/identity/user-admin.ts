import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { AnyActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { checkPasswordPolicy } from "../../platform/auth/password-policy.js";
import { hashPassword } from "../../platform/auth/passwords.js";
import { revokeAllSessionsOf } from "../../platform/auth/sessions.js";
import { AppError, invalid } from "../../platform/errors/app-error.js";
import { zonedDay } from "../../platform/rules/zoned-time.js";
import { networkDirectory } from "../network/index.js";
import { identityRepository } from "./repository.js";

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
    const repository = identityRepository(trx);
    const directory = networkDirectory(trx);
    if (!(await repository.roleExists(input.role)))
      throw invalid([{ field: "role", messageKey: "validation.unknown_role", params: { role: input.role } }]);
    const site = await directory.siteByCode(input.siteCode);
    if (!site)
      throw invalid([{ field: "site", messageKey: "validation.unknown_site", params: { site: input.siteCode } }]);
    let unitId: string | null = null;
    if (input.unitName) {
      const unit = await directory.unitByName(site.id, input.unitName);
      if (!unit)
        throw invalid([{ field: "unit", messageKey: "validation.unknown_unit", params: { unit: input.unitName } }]);
      unitId = unit.id;
    }
    if (await repository.accountByEmailKey(input.email.toLowerCase()))
      throw new AppError("conflict", "error.email_taken");
    const personId = await directory.addPerson({
      siteId: site.id,
      givenName: input.givenName.trim(),
      familyName: input.familyName.trim(),
      email: input.email,
      language: input.language,
    });
    const user = await repository.insertAccount({
      person_id: personId,
      email: input.email,
      password_hash: passwordHash,
      preferred_language: input.language,
    });
    await repository.insertRoleGrant({
      user_id: user.id,
      role_code: input.role,
      site_id: site.id,
      unit_id: unitId,
      starts_on: zonedDay(new Date(), site.time_zone),
    });
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
    const repository = identityRepository(trx);
    const user = await repository.accountByEmailKey(email.toLowerCase());
    if (!user) throw new AppError("not_found");
    await repository.setStatus(user.id, "disabled", false);
    await revokeAllSessionsOf(trx, user.id);
    await recordAudit(trx, actor, {
      action: "user.disable",
      entityType: "user_account",
      entityId: user.id,
      outcome: "success",
    });
  });
}
