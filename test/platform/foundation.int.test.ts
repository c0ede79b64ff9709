import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

let database: TestDatabase;
let app: App;
let world: DemoNetwork;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("platform foundation", () => {
  it("answers /healthz with the engine and version", async () => {
    const response = await app.inject({ method: "GET", url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: database.kind, version: expect.any(String) });
  });

  it("serves an OpenAPI document naming every API route", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    const routes = app
      .printRoutes({ commonPrefix: false })
      .split("\n")
      .filter((l) => l.includes("/api/"));
    expect(routes.length).toBeGreaterThan(0);
    for (const probe of [
      "POST /api/auth/sign-in",
      "GET /api/children",
      "GET /api/children/:childId",
      "GET /api/network/sites/:siteId",
    ]) {
      expect(documented).toContain(probe);
    }
  });

  it("answers unknown routes with a JSON 404 in the user's language", async () => {
    const en = await app.inject({ method: "GET", url: "/api/does-not-exist" });
    expect(en.statusCode).toBe(404);
    expect(en.json().error.code).toBe("not_found");
    const es = await app.inject({
      method: "GET",
      url: "/api/does-not-exist",
      headers: { "accept-language": "es-MX,es;q=0.9" },
    });
    expect(es.json().error.message).toMatch(/No existe/);
  });

  it("rejects bad input with 400 naming each field, in Spanish when asked, and leaks no stack", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "accept-language": "es" },
      payload: { email: 42 },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe("validation");
    expect(body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["email", "password"]);
    expect(body.error.fields.find((f: { field: string }) => f.field === "password").message).toBe(
      "El campo «Contraseña» es obligatorio.",
    );
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it("rejects malformed JSON with a 400, not a 500", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation");
  });

  it("signs in every demo role and shows role-aware abilities", async () => {
    const expectations: Record<string, string[]> = {
      "caseworker@demo.qpi.example": ["child:list", "child:read", "child:write", "network:read"],
      "caregiver@demo.qpi.example": ["child:list", "child:read"],
      "analyst@demo.qpi.example": ["outcomes:read"],
      "network-analyst@demo.qpi.example": ["outcomes:read"],
    };
    for (const [email, abilities] of Object.entries(expectations)) {
      const user = await signIn(app, email);
      const session = (await app.inject({ method: "GET", url: "/api/auth/session", headers: user.headers() })).json();
      for (const ability of abilities) expect(session.abilities).toContain(ability);
    }
    expect(
      world.demoAccounts
        .filter((a) => a.siteCode === "CA-FRESNO")
        .map((a) => a.role)
        .sort(),
    ).toEqual(
      [
        "analyst",
        "birth_parent",
        "caregiver",
        "caseworker",
        "network_analyst",
        "qpi_coordinator",
        "rfa_worker",
        "site_admin",
        "supervisor",
        "youth",
      ].sort(),
    );
  });

  it("keeps a caseworker to their own caseload and answers 404 for another site's child", async () => {
    const caseworker = await signIn(app, "caseworker@demo.qpi.example");
    const list = (
      await app.inject({ method: "GET", url: "/api/children?limit=200", headers: caseworker.headers() })
    ).json();
    expect(list.total).toBeGreaterThan(0);
    const me = (await app.inject({ method: "GET", url: "/api/auth/session", headers: caseworker.headers() })).json();
    const mine = await database.db
      .selectFrom("child_team_member")
      .select("child_id")
      .where("person_id", "=", me.user.personId)
      .where("role", "=", "caseworker")
      .where((eb) => eb.or([eb("ends_on", "is", null), eb("ends_on", ">=", sql<string>`current_date`)]))
      .execute();
    expect(list.total).toBe(new Set(mine.map((m) => m.child_id)).size);
    const otherSite = world.sites.find((s) => s.code !== "CA-FRESNO")!;
    const foreignChild = world.children.find((c) => c.site_id === otherSite.id)!;
    const response = await app.inject({
      method: "GET",
      url: `/api/children/${foreignChild.id}`,
      headers: caseworker.headers(),
    });
    expect(response.statusCode).toBe(404);
  });

  it("requires a session for child data and the CSRF token for state changes", async () => {
    expect((await app.inject({ method: "GET", url: "/api/children" })).statusCode).toBe(401);
    const user = await signIn(app, "caseworker@demo.qpi.example");
    const withoutToken = await app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { cookie: user.cookie },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe("csrf");
    const crossSite = await app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { ...user.headers(), "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.statusCode).toBe(403);
    const ok = await app.inject({ method: "POST", url: "/api/auth/sign-out", headers: user.headers() });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/api/children", headers: user.headers() })).statusCode).toBe(401);
  });

  it("sets security headers and no-store on API responses", async () => {
    const response = await app.inject({ method: "GET", url: "/api/auth/session" });
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["strict-transport-security"]).toContain("max-age=");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
  });
});
