import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { demoUser } from "./support.js";

let database: TestDatabase;
let app: App;
const previousSmtp = process.env.QPI_SMTP_URL;

beforeAll(async () => {
  delete process.env.QPI_SMTP_URL;
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
});
afterAll(async () => {
  if (previousSmtp !== undefined) process.env.QPI_SMTP_URL = previousSmtp;
  await app?.close();
  await database?.close();
});

describe("CSRF, headers and the developer outbox", () => {
  it("refuses a state-changing request without the session's CSRF token, or from another site", async () => {
    const admin = await demoUser(database.db, "site_admin");
    const session = await signIn(app, admin.email);
    const payload = { email: "csrf@example.org", role: "caregiver", givenName: "C", familyName: "S" };
    const url = `/api/sites/${admin.site_id}/invitations`;
    const noToken = await app.inject({ method: "POST", url, payload, headers: { cookie: session.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("csrf");
    const wrongToken = await app.inject({
      method: "POST",
      url,
      payload,
      headers: { cookie: session.cookie, "x-csrf-token": "nope" },
    });
    expect(wrongToken.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: "POST",
      url,
      payload,
      headers: session.headers({ "sec-fetch-site": "cross-site" }),
    });
    expect(crossSite.statusCode).toBe(403);
    const otherOrigin = await app.inject({
      method: "POST",
      url,
      payload,
      headers: session.headers({ origin: "https://evil.example", host: "qpi.example" }),
    });
    expect(otherOrigin.statusCode).toBe(403);
    // A cross-site page cannot even start a sign-in or a reset (login CSRF).
    const loginCsrf = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: admin.email },
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(loginCsrf.statusCode).toBe(403);
    expect(
      await database.db
        .selectFrom("user_account")
        .select("id")
        .where("email", "=", "csrf@example.org")
        .executeTakeFirst(),
    ).toBeUndefined();
    const ok = await app.inject({ method: "POST", url, payload, headers: session.headers() });
    expect(ok.statusCode).toBe(201);
  });

  it("sends security headers and no-store on personal data", async () => {
    const admin = await demoUser(database.db, "site_admin");
    const session = await signIn(app, admin.email);
    const response = await app.inject({
      method: "GET",
      url: `/api/sites/${admin.site_id}/users`,
      headers: session.headers(),
    });
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(response.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("without QPI_SMTP_URL keeps outgoing mail in outbound_email with the link", async () => {
    const cw = await demoUser(database.db, "caseworker");
    const session = await signIn(app, cw.email);
    const invite = await app.inject({
      method: "POST",
      url: `/api/sites/${cw.site_id}/invitations`,
      payload: { email: "outbox@example.org", role: "youth", givenName: "Jay", familyName: "Reyes" },
      headers: session.headers(),
    });
    expect(invite.statusCode).toBe(201);
    const mail = await database.db
      .selectFrom("outbound_email")
      .selectAll()
      .where("to_address", "=", "outbox@example.org")
      .executeTakeFirstOrThrow();
    expect(mail.subject).toMatch(/invited/);
    expect(mail.body_text).toMatch(/\/accept-invitation#token=[A-Za-z0-9_-]{40,}/);
    // The token itself is stored only as a hash.
    const token = mail.body_text.match(/#token=([A-Za-z0-9_-]+)/)![1];
    const rows = await database.db.selectFrom("account_token").select("id_hash").execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(token);
    const audit = await database.db
      .selectFrom("audit_event")
      .select(["action", "site_id"])
      .where("action", "=", "user.invite")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});
