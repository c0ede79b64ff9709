import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/demo-accounts.js";
import type { App } from "../../server/platform/http/types.js";
import { startSmtpServer, tokenFromLink } from "../support/smtp-test-server.js";
import { SESSION_COOKIE, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { buildClockedApp, cookiesOf, demoUser, testClock } from "./support.js";

let database: TestDatabase;
let app: App;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const clock = testClock();
const previousSmtp = process.env.QPI_SMTP_URL;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.QPI_SMTP_URL = smtp.url;
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildClockedApp(database.db, database.kind, clock.now);
});
afterAll(async () => {
  if (previousSmtp === undefined) delete process.env.QPI_SMTP_URL;
  else process.env.QPI_SMTP_URL = previousSmtp;
  await app?.close();
  await database?.close();
  await smtp?.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: "POST", url, payload: payload as object, headers });
const totpNow = (secret: string) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });

describe("invitations over real SMTP", () => {
  it("a caseworker invites a caregiver, who sets a password from the emailed link and signs in", async () => {
    const cw = await demoUser(database.db, "caseworker");
    const session = await signIn(app, cw.email);
    const invite = await post(
      `/api/sites/${cw.site_id}/invitations`,
      {
        email: "new.caregiver@example.org",
        role: "caregiver",
        givenName: "Rosa",
        familyName: "Delgado",
        language: "es",
      },
      session.headers(),
    );
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({ email: "new.caregiver@example.org", status: "invited" });
    // A caseworker cannot invite staff; the same email cannot be invited twice.
    expect(
      (
        await post(
          `/api/sites/${cw.site_id}/invitations`,
          { email: "x@example.org", role: "supervisor", givenName: "A", familyName: "B" },
          session.headers(),
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await post(
          `/api/sites/${cw.site_id}/invitations`,
          { email: "NEW.caregiver@example.org", role: "caregiver", givenName: "A", familyName: "B" },
          session.headers(),
        )
      ).statusCode,
    ).toBe(409);

    const mail = await smtp.mailTo("new.caregiver@example.org");
    expect(mail.raw).toMatch(/Subject: =\?UTF-8\?|Subject: Tiene una invitación/);
    const token = tokenFromLink(mail.text, "/accept-invitation");
    // Before accepting: no password, no sign-in.
    expect(
      (await post("/api/auth/sign-in", { email: "new.caregiver@example.org", password: "anything-at-all" })).statusCode,
    ).toBe(401);
    const preview = await post("/api/auth/invitations/preview", { token });
    expect(preview.json()).toMatchObject({ email: "new.caregiver@example.org", displayName: "Rosa Delgado" });
    // The password policy applies: too short, too common.
    const short = await post("/api/auth/invitations/accept", { token, password: "short" });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].field).toBe("password");
    expect((await post("/api/auth/invitations/accept", { token, password: "Password123!" })).statusCode).toBe(400);
    const accepted = await post("/api/auth/invitations/accept", {
      token,
      password: "tortillas con frijoles al amanecer",
    });
    expect(accepted.statusCode).toBe(200);
    // Single use.
    expect(
      (await post("/api/auth/invitations/accept", { token, password: "another long passphrase here" })).statusCode,
    ).toBe(400);
    const signedIn = await signIn(app, "new.caregiver@example.org", "tortillas con frijoles al amanecer");
    const me = (
      await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: signedIn.cookie } })
    ).json();
    expect(me.roles).toEqual([expect.objectContaining({ role: "caregiver", siteId: cw.site_id })]);
    expect(me.user.language).toBe("es");
  });

  it("invites an existing person of the site (a household member) and the link expires after 7 days", async () => {
    const admin = await demoUser(database.db, "site_admin");
    const session = await signIn(app, admin.email);
    const person = await database.db
      .selectFrom("person")
      .leftJoin("user_account", "user_account.person_id", "person.id")
      .select("person.id")
      .where("person.site_id", "=", admin.site_id)
      .where("user_account.id", "is", null)
      // A person the new birth-parent grant reaches no child through: a site administrator reads no child.
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom("child_relation").select("person_id").whereRef("person_id", "=", "person.id"))),
      )
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom("child").select("person_id").whereRef("child.person_id", "=", "person.id"))),
      )
      .executeTakeFirstOrThrow();
    const invite = await post(
      `/api/sites/${admin.site_id}/invitations`,
      { email: "member@example.org", role: "birth_parent", personId: person.id },
      session.headers(),
    );
    expect(invite.statusCode).toBe(201);
    const token = tokenFromLink((await smtp.mailTo("member@example.org")).text, "/accept-invitation");
    clock.advance(7 * 24 * 3_600_000 + 1000);
    expect(
      (await post("/api/auth/invitations/accept", { token, password: "a long enough passphrase" })).statusCode,
    ).toBe(400);
    // A fresh link: the admin sends the invitation again; the new link works, the old one still does not.
    const fresh = await signIn(app, admin.email);
    const resent = await post(
      `/api/sites/${admin.site_id}/users/${invite.json().userId}/invitation`,
      {},
      fresh.headers(),
    );
    expect(resent.statusCode).toBe(201);
    const token2 = tokenFromLink((await smtp.mailTo("member@example.org")).text, "/accept-invitation");
    expect(token2).not.toBe(token);
    expect(
      (await post("/api/auth/invitations/accept", { token, password: "a long enough passphrase" })).statusCode,
    ).toBe(400);
    expect(
      (await post("/api/auth/invitations/accept", { token: token2, password: "a long enough passphrase" })).statusCode,
    ).toBe(200);
    expect(
      (await post(`/api/sites/${admin.site_id}/users/${invite.json().userId}/invitation`, {}, fresh.headers()))
        .statusCode,
    ).toBe(409);
    const other = await database.db
      .selectFrom("site")
      .select("id")
      .where("id", "!=", admin.site_id)
      .executeTakeFirstOrThrow();
    const otherPerson = await database.db
      .selectFrom("person")
      .select("id")
      .where("site_id", "=", other.id)
      .executeTakeFirstOrThrow();
    expect(
      (
        await post(
          `/api/sites/${admin.site_id}/invitations`,
          { email: "cross@example.org", role: "youth", personId: otherPerson.id },
          (await signIn(app, admin.email)).headers(),
        )
      ).statusCode,
    ).toBe(404);
  });
});

describe("password reset over real SMTP", () => {
  it("answers the same whether or not the email exists, and the link works once", async () => {
    const user = await demoUser(database.db, "birth_parent");
    const old = await signIn(app, user.email);
    const unknown = await post("/api/auth/password-reset", { email: "nobody@example.org" });
    const known = await post("/api/auth/password-reset", { email: user.email.toUpperCase() });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const token = tokenFromLink((await smtp.mailTo(user.email)).text, "/reset-password");
    expect(smtp.received.some((m) => m.to.includes("nobody@example.org"))).toBe(false);
    const done = await post("/api/auth/password-reset/complete", { token, password: "a brand new passphrase" });
    expect(done.statusCode).toBe(200);
    expect(
      (await post("/api/auth/password-reset/complete", { token, password: "yet another passphrase" })).statusCode,
    ).toBe(400);
    // Every old session ended; the old password no longer works, the new one does.
    expect(
      (await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: old.cookie } })).statusCode,
    ).toBe(401);
    expect((await post("/api/auth/sign-in", { email: user.email, password: DEMO_PASSWORD })).statusCode).toBe(401);
    expect((await signIn(app, user.email, "a brand new passphrase")).cookie).toBeTruthy();
  });
});

describe("TOTP second factor", () => {
  it("enrolls, then signs in with a code; a replayed code and a wrong code fail", async () => {
    const user = await demoUser(database.db, "supervisor");
    const session = await signIn(app, user.email);
    const start = await post("/api/auth/mfa/enroll", {}, session.headers());
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUri } = start.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/QPI%20Platform:/);
    expect((await post("/api/auth/mfa/enroll/confirm", { code: "000000" }, session.headers())).statusCode).toBe(400);
    const confirmed = await post("/api/auth/mfa/enroll/confirm", { code: await totpNow(secret) }, session.headers());
    expect(confirmed.statusCode).toBe(200);
    const codes: string[] = confirmed.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    const stored = await database.db
      .selectFrom("user_recovery_code")
      .select("code_hash")
      .where("user_id", "=", user.id)
      .execute();
    expect(stored.map((s) => s.code_hash)).not.toContain(codes[0]);

    clock.advance(60_000);
    const step1 = await post("/api/auth/sign-in", { email: user.email, password: DEMO_PASSWORD });
    expect(step1.json()).toMatchObject({ ok: true, next: "totp" });
    expect(cookiesOf(step1)[SESSION_COOKIE]).toBeUndefined();
    const challenge = `__Host-qpi_mfa=${cookiesOf(step1)["__Host-qpi_mfa"]}`;
    expect((await post("/api/auth/mfa/verify", { code: "123456" }, { cookie: challenge })).statusCode).toBe(401);
    const code = await totpNow(secret);
    const ok = await post("/api/auth/mfa/verify", { code }, { cookie: challenge });
    expect(ok.statusCode).toBe(200);
    expect(cookiesOf(ok)[SESSION_COOKIE]).toBeTruthy();
    // The challenge is spent, and the same code cannot be used again.
    expect((await post("/api/auth/mfa/verify", { code }, { cookie: challenge })).statusCode).toBe(401);
    const step1b = await post("/api/auth/sign-in", { email: user.email, password: DEMO_PASSWORD });
    const challenge2 = `__Host-qpi_mfa=${cookiesOf(step1b)["__Host-qpi_mfa"]}`;
    expect((await post("/api/auth/mfa/verify", { code }, { cookie: challenge2 })).statusCode).toBe(401);

    // A recovery code works once.
    const recovered = await post("/api/auth/mfa/verify", { code: codes[0].toUpperCase() }, { cookie: challenge2 });
    expect(recovered.statusCode).toBe(200);
    const step1c = await post("/api/auth/sign-in", { email: user.email, password: DEMO_PASSWORD });
    const challenge3 = `__Host-qpi_mfa=${cookiesOf(step1c)["__Host-qpi_mfa"]}`;
    expect((await post("/api/auth/mfa/verify", { code: codes[0] }, { cookie: challenge3 })).statusCode).toBe(401);
    const me = await signInWithTotp(user.email, secret);
    const status = (await app.inject({ method: "GET", url: "/api/me/mfa", headers: { cookie: me } })).json();
    expect(status).toEqual({ enrolled: true, recoveryCodesLeft: 9, requiredByPolicy: false });
  });

  it("a site that requires MFA sends un-enrolled staff to enrollment before any session", async () => {
    const admin = await demoUser(database.db, "site_admin");
    const adminSession = await signIn(app, admin.email);
    const policy = (
      await app.inject({
        method: "GET",
        url: `/api/sites/${admin.site_id}/security-policy`,
        headers: adminSession.headers(),
      })
    ).json();
    const put = await app.inject({
      method: "PUT",
      url: `/api/sites/${admin.site_id}/security-policy`,
      headers: adminSession.headers(),
      payload: { ...policy, isDefault: undefined, mfaRequiredForStaff: true },
    });
    expect(put.statusCode).toBe(200);
    const worker = await database.db
      .selectFrom("user_account")
      .innerJoin("role_grant", "role_grant.user_id", "user_account.id")
      .select(["user_account.email"])
      .where("role_grant.site_id", "=", admin.site_id)
      .where("role_grant.role_code", "=", "rfa_worker")
      .executeTakeFirstOrThrow();
    const step1 = await post("/api/auth/sign-in", { email: worker.email, password: DEMO_PASSWORD });
    expect(step1.json()).toMatchObject({ ok: true, next: "enroll" });
    const challenge = `__Host-qpi_mfa=${cookiesOf(step1)["__Host-qpi_mfa"]}`;
    // The challenge is not a session.
    expect(
      (await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: challenge } })).statusCode,
    ).toBe(401);
    const { secret } = (await post("/api/auth/mfa/enroll", {}, { cookie: challenge })).json();
    const confirmed = await post(
      "/api/auth/mfa/enroll/confirm",
      { code: await totpNow(secret) },
      { cookie: challenge },
    );
    expect(confirmed.statusCode).toBe(200);
    expect(cookiesOf(confirmed)[SESSION_COOKIE]).toBeTruthy();
    // Families of the same site are not asked for a second factor.
    const family = await database.db
      .selectFrom("user_account")
      .innerJoin("role_grant", "role_grant.user_id", "user_account.id")
      .select(["user_account.email"])
      .where("role_grant.site_id", "=", admin.site_id)
      .where("role_grant.role_code", "=", "caregiver")
      .where("user_account.status", "=", "active")
      .where("user_account.email", "like", "%@demo.qpi.example")
      .executeTakeFirst();
    if (family)
      expect((await post("/api/auth/sign-in", { email: family.email, password: DEMO_PASSWORD })).json().next).toBe(
        "done",
      );
  });
});

async function signInWithTotp(email: string, secret: string): Promise<string> {
  clock.advance(31_000);
  const step1 = await post("/api/auth/sign-in", { email, password: DEMO_PASSWORD });
  const challenge = `__Host-qpi_mfa=${cookiesOf(step1)["__Host-qpi_mfa"]}`;
  const ok = await post("/api/auth/mfa/verify", { code: await totpNow(secret) }, { cookie: challenge });
  return `${SESSION_COOKIE}=${cookiesOf(ok)[SESSION_COOKIE]}`;
}
