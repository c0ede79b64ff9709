import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/demo-accounts.js";
import type { App } from "../../server/platform/http/types.js";
import { SESSION_COOKIE, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { buildClockedApp, cookiesOf, demoUser, testClock } from "./support.js";

let database: TestDatabase;
let app: App;
const clock = testClock();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildClockedApp(database.db, database.kind, clock.now);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const MINUTE = 60_000;
const sessionOk = async (cookie: string) =>
  (await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } })).statusCode;

describe("sessions", () => {
  it("sets a __Host- HttpOnly Secure SameSite=Lax cookie and a new id at every sign-in", async () => {
    const caseworker = await demoUser(database.db, "caseworker");
    const first = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: caseworker.email, password: DEMO_PASSWORD },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ok: true, next: "done", language: "en" });
    const raw = String(first.headers["set-cookie"]);
    expect(raw).toMatch(/^__Host-qpi_session=/);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/Secure/);
    expect(raw).toMatch(/SameSite=Lax/);
    expect(raw).toMatch(/Path=\//);
    const firstToken = cookiesOf(first)[SESSION_COOKIE];
    const cookie = `${SESSION_COOKIE}=${firstToken}`;
    const session = (await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } })).json();
    // Signing in again from the same browser: a new id, and the old one is dead.
    const again = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { cookie, "x-csrf-token": session.csrfToken },
      payload: { email: caseworker.email, password: DEMO_PASSWORD },
    });
    const secondToken = cookiesOf(again)[SESSION_COOKIE];
    expect(secondToken).toBeTruthy();
    expect(secondToken).not.toBe(firstToken);
    expect(await sessionOk(cookie)).toBe(401);
    expect(await sessionOk(`${SESSION_COOKIE}=${secondToken}`)).toBe(200);
  });

  it("ends a staff session after 15 idle minutes, and a family session after 30", async () => {
    const staff = await signIn(app, (await demoUser(database.db, "caseworker")).email);
    const family = await signIn(app, (await demoUser(database.db, "caregiver")).email);
    clock.advance(14 * MINUTE);
    expect(await sessionOk(staff.cookie)).toBe(200); // slides the idle deadline
    clock.advance(14 * MINUTE);
    expect(await sessionOk(staff.cookie)).toBe(200);
    clock.advance(16 * MINUTE);
    expect(await sessionOk(staff.cookie)).toBe(401);
    // The family session was idle 44 minutes.
    expect(await sessionOk(family.cookie)).toBe(401);
    const family2 = await signIn(app, (await demoUser(database.db, "caregiver")).email);
    clock.advance(29 * MINUTE);
    expect(await sessionOk(family2.cookie)).toBe(200);
  });

  it("ends any session 12 hours after sign-in however active it was", async () => {
    const staff = await signIn(app, (await demoUser(database.db, "supervisor")).email);
    for (let i = 0; i < 12 * 6 - 1; i++) {
      clock.advance(10 * MINUTE);
      expect(await sessionOk(staff.cookie)).toBe(200);
    }
    clock.advance(10 * MINUTE);
    expect(await sessionOk(staff.cookie)).toBe(401);
  });

  it("takes the timeouts from the site's security policy", async () => {
    const admin = await demoUser(database.db, "site_admin");
    const adminSession = await signIn(app, admin.email);
    const policy = (
      await app.inject({
        method: "GET",
        url: `/api/sites/${admin.site_id}/security-policy`,
        headers: adminSession.headers(),
      })
    ).json();
    expect(policy).toMatchObject({
      staffIdleMinutes: 15,
      familyIdleMinutes: 30,
      absoluteHours: 12,
      mfaRequiredForStaff: false,
      isDefault: false,
    });
    const changed = await app.inject({
      method: "PUT",
      url: `/api/sites/${admin.site_id}/security-policy`,
      headers: adminSession.headers(),
      payload: {
        staffIdleMinutes: 5,
        familyIdleMinutes: 30,
        absoluteHours: 12,
        mfaRequiredForStaff: false,
        version: policy.version,
      },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().staffIdleMinutes).toBe(5);
    const stale = await app.inject({
      method: "PUT",
      url: `/api/sites/${admin.site_id}/security-policy`,
      headers: adminSession.headers(),
      payload: {
        staffIdleMinutes: 20,
        familyIdleMinutes: 30,
        absoluteHours: 12,
        mfaRequiredForStaff: false,
        version: policy.version,
      },
    });
    expect(stale.statusCode).toBe(409);
    const bad = await app.inject({
      method: "PUT",
      url: `/api/sites/${admin.site_id}/security-policy`,
      headers: adminSession.headers(),
      payload: {
        staffIdleMinutes: 1,
        familyIdleMinutes: 30,
        absoluteHours: 48,
        mfaRequiredForStaff: false,
        version: changed.json().version,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(["absoluteHours", "staffIdleMinutes"]);
    const again = await signIn(app, admin.email);
    clock.advance(6 * MINUTE);
    expect(await sessionOk(again.cookie)).toBe(401);
    const audit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "=", "security_policy.update")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("sign-out kills the session on the server; disabling a user kills all their sessions", async () => {
    const rfa = await demoUser(database.db, "rfa_worker");
    const one = await signIn(app, rfa.email);
    const two = await signIn(app, rfa.email);
    const out = await app.inject({ method: "POST", url: "/api/auth/sign-out", headers: one.headers() });
    expect(out.statusCode).toBe(200);
    expect(await sessionOk(one.cookie)).toBe(401);
    expect(await sessionOk(two.cookie)).toBe(200);
    const three = await signIn(app, rfa.email);

    const adminUser = await demoUser(database.db, "site_admin");
    // The policy above set 5 idle minutes for this site's staff: a fresh admin session.
    const admin = await signIn(app, adminUser.email);
    const rfaAtAdminSite = await database.db
      .selectFrom("role_grant")
      .select("user_id")
      .where("site_id", "=", adminUser.site_id)
      .where("user_id", "=", rfa.id)
      .executeTakeFirst();
    const siteId = rfaAtAdminSite ? adminUser.site_id : rfa.site_id;
    expect(siteId).toBe(adminUser.site_id);
    const disabled = await app.inject({
      method: "POST",
      url: `/api/sites/${siteId}/users/${rfa.id}/disable`,
      headers: admin.headers(),
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ status: "disabled" });
    expect(await sessionOk(two.cookie)).toBe(401);
    expect(await sessionOk(three.cookie)).toBe(401);
    const refused = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: rfa.email, password: DEMO_PASSWORD },
    });
    expect(refused.statusCode).toBe(401);
    const enabled = await app.inject({
      method: "POST",
      url: `/api/sites/${siteId}/users/${rfa.id}/enable`,
      headers: admin.headers(),
    });
    expect(enabled.json()).toMatchObject({ status: "active" });
    expect((await signIn(app, rfa.email)).cookie).toBeTruthy();
    const self = await app.inject({
      method: "POST",
      url: `/api/sites/${siteId}/users/${adminUser.id}/disable`,
      headers: admin.headers(),
    });
    expect(self.statusCode).toBe(409);
    const actions = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("entity_id", "=", rfa.id)
      .where("action", "in", ["user.disable", "user.enable"])
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["user.disable", "user.enable"]);
  });

  it("a site admin lists the site's users; others get 403, other sites 404", async () => {
    const admin = await demoUser(database.db, "site_admin");
    const session = await signIn(app, admin.email);
    const list = await app.inject({
      method: "GET",
      url: `/api/sites/${admin.site_id}/users`,
      headers: session.headers(),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().users.length).toBeGreaterThan(3);
    expect(Object.keys(list.json().users[0]).sort()).toEqual([
      "displayName",
      "email",
      "id",
      "mfaEnrolled",
      "roles",
      "status",
    ]);
    const other = await database.db
      .selectFrom("site")
      .select("id")
      .where("id", "!=", admin.site_id)
      .executeTakeFirstOrThrow();
    expect(
      (await app.inject({ method: "GET", url: `/api/sites/${other.id}/users`, headers: session.headers() })).statusCode,
    ).toBe(404);
    const caseworker = await signIn(app, (await demoUser(database.db, "caseworker")).email);
    const cwSite = (await demoUser(database.db, "caseworker")).site_id;
    expect(
      (await app.inject({ method: "GET", url: `/api/sites/${cwSite}/users`, headers: caseworker.headers() }))
        .statusCode,
    ).toBe(403);
  });

  it("the session cookie ends with the browser unless the user asks to stay signed in on this device", async () => {
    const youth = await demoUser(database.db, "youth");
    const sessionCookie = (response: { headers: Record<string, unknown> }) => {
      const header = response.headers["set-cookie"];
      const all = (Array.isArray(header) ? header : [header]).map(String);
      return all.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    };
    const plain = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: youth.email, password: DEMO_PASSWORD },
    });
    expect(plain.statusCode).toBe(200);
    expect(sessionCookie(plain)).not.toMatch(/Expires=|Max-Age=/i);
    const kept = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: youth.email, password: DEMO_PASSWORD, remember: true },
    });
    expect(kept.statusCode).toBe(200);
    // Today's lifetime: the session's absolute limit (12 hours).
    const expires = /Expires=([^;]+)/i.exec(sessionCookie(kept))?.[1];
    expect(new Date(expires!).getTime()).toBe(Math.floor((clock.now().getTime() + 12 * 3_600_000) / 1000) * 1000);
    // Either way the server ends the session on its own timeouts.
    expect(await sessionOk(`${SESSION_COOKIE}=${cookiesOf(kept)[SESSION_COOKIE]}`)).toBe(200);
    expect(await sessionOk(`${SESSION_COOKIE}=${cookiesOf(plain)[SESSION_COOKIE]}`)).toBe(200);
  });
});
