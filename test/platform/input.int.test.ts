import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.js";
import { PUBLIC_WRITE_ROUTES } from "../../server/platform/http/session-gate.js";
import type { App } from "../../server/platform/http/types.js";
import { demoUser } from "../identity/support.js";
import { signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// The request pipeline's own answers to bad input: too large, text that cannot
// be stored faithfully, anonymous writes, missing static files.
let database: TestDatabase;
let app: App;
let webDist: string;
const logLines: { level: number; msg: string }[] = [];
const registered = new Set<string>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-web-"));
  fs.writeFileSync(path.join(webDist, "index.html"), "<!doctype html><title>QPI</title>");
  fs.mkdirSync(path.join(webDist, "assets"));
  fs.writeFileSync(path.join(webDist, "assets", "app.js"), "console.log(1)");
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
      callback();
    },
  });
  app = await buildApp({
    db: database.db,
    engine: database.kind,
    webDist,
    rateLimitPerMinute: 100_000,
    logger: { level: "warn", stream },
    onRoute: (route) => {
      for (const method of [route.method].flat()) registered.add(`${method} ${route.url}`);
    },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe("bodies over the limit", () => {
  it("answer 413 with a clear message in the user's language, without an error in the log", async () => {
    const big = JSON.stringify({ email: "a@example.org", password: "x".repeat(6 * 1024 * 1024) });
    const before = logLines.filter((l) => l.level >= 50).length;
    const english = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: big,
      headers: { "content-type": "application/json" },
    });
    expect(english.statusCode).toBe(413);
    expect(english.json().error).toEqual({
      code: "payload_too_large",
      message: "The request is too large (the limit is 5 MB). Send less at once.",
    });
    const spanish = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: big,
      headers: { "content-type": "application/json", "accept-language": "es" },
    });
    expect(spanish.statusCode).toBe(413);
    expect(spanish.json().error.message).toMatch(/demasiado grande/);
    expect(logLines.filter((l) => l.level >= 50).length).toBe(before);
  });
});

describe("text that cannot be stored faithfully", () => {
  it("is refused with a 400 naming the field, in the body, the query and the path", async () => {
    const admin = await demoUser(database.db, "site_admin");
    const session = await signIn(app, admin.email);
    const url = `/api/sites/${admin.site_id}/invitations`;
    const invite = (givenName: string) =>
      app.inject({
        method: "POST",
        url,
        headers: session.headers({ "content-type": "application/json" }),
        payload: JSON.stringify({ email: "text@example.org", role: "caregiver", givenName, familyName: "Okafor" }),
      });
    for (const bad of ["Ada\u0000", "Ada\ud800", "\udc00Ada", "\u202eadA", "Ada\u2066x\u2069"]) {
      const response = await invite(bad);
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
      expect(response.json().error.fields).toEqual([
        {
          field: "givenName",
          message:
            "Given name contains characters that cannot be saved (invalid text, NUL or text-direction override " +
            "characters). Retype it.",
        },
      ]);
    }
    // A well-formed pair of surrogates (an emoji) and right-to-left text without overrides are fine.
    expect((await invite("Ada 🙂 مريم")).statusCode).toBe(201);

    const invalidUtf8 = Buffer.concat([
      Buffer.from(`{"email":"utf8@example.org","role":"caregiver","givenName":"Ada","familyName":"Ok`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`"}`),
    ]);
    const bytes = await app.inject({
      method: "POST",
      url,
      headers: session.headers({ "content-type": "application/json", "accept-language": "es" }),
      payload: invalidUtf8,
    });
    expect(bytes.statusCode).toBe(400);
    expect(bytes.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["familyName"]);
    const stored = await database.db
      .selectFrom("person")
      .select("family_name")
      .where("family_name", "like", "Ok%\ufffd%")
      .execute();
    expect(stored).toEqual([]);

    for (const query of ["limit=1%00", "limit=%FF", "limit=%ED%A0%80", "limit=%E2%80%AE1"]) {
      const response = await app.inject({ method: "GET", url: `/api/children?${query}`, headers: session.headers() });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["limit"]);
    }
    const inPath = await app.inject({ method: "GET", url: "/api/children/a%00b", headers: session.headers() });
    expect(inPath.statusCode).toBe(400);
    expect(inPath.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["childId"]);
  });
});

describe("anonymous writes", () => {
  it("every protected /api write route answers 401 before reading or validating the body", async () => {
    const writes = [...registered].filter((r) => /^(POST|PUT|PATCH|DELETE) \/api\//.test(r));
    expect(writes.length).toBeGreaterThan(20);
    const answers: Record<string, number> = {};
    for (const route of writes) {
      const [method, pattern] = route.split(" ");
      const url = pattern.replace(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000000");
      const response = await app.inject({
        method: method as "POST",
        url,
        payload: "{not json",
        headers: { "content-type": "application/json" },
      });
      answers[route] = response.statusCode;
    }
    const expected = Object.fromEntries(writes.map((r) => [r, r in PUBLIC_WRITE_ROUTES ? 400 : 401]));
    expect(answers).toEqual(expected);
    // Every public write route named is a real route.
    expect(Object.keys(PUBLIC_WRITE_ROUTES).filter((r) => !registered.has(r))).toEqual([]);
  });

  it("PUT /api/me/language without a session changes nothing", async () => {
    const response = await app.inject({ method: "PUT", url: "/api/me/language", payload: { language: "es" } });
    expect(response.statusCode).toBe(401);
    expect(response.headers["set-cookie"]).toBeUndefined();
  });
});

describe("static files and headers", () => {
  it("a missing file of the app is a 404, not the page; the page routes still get the page", async () => {
    const present = await app.inject({ method: "GET", url: "/assets/app.js" });
    expect(present.statusCode).toBe(200);
    for (const url of ["/assets/missing.js", "/assets/missing.css", "/favicon-missing.png"]) {
      const missing = await app.inject({ method: "GET", url });
      expect(missing.statusCode, url).toBe(404);
      expect(missing.body).not.toMatch(/<!doctype html>/i);
    }
    const page = await app.inject({ method: "GET", url: "/children/123" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<!doctype html>/i);
  });

  it("sends a Permissions-Policy with the other security headers, on pages and the API", async () => {
    for (const url of ["/", "/api/auth/session"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.headers["permissions-policy"], url).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
    }
  });
});
