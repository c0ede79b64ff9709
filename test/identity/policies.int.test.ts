import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { buildTestApp, signIn, type SignedIn } from "../support/test-app.js";
import type { App } from "../../server/platform/http/types.js";
import type { Expectation, Relation, RoleName, RoutePolicy } from "../authz/policy-types.js";
import { policies } from "../authz/policies/identity.js";
import { demoUser } from "./support.js";

// Checks this module's authorization policy entries against the running app
// for a sample of roles, so the entries stay true while the shared runner is built.
let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const ROLES: RoleName[] = ["site_admin", "caseworker", "caregiver", "analyst"];

function expected(policy: RoutePolicy, role: RoleName, relation: Relation): Expectation {
  return policy.expect[role]?.[relation] ?? policy.otherwise;
}

async function call(policy: RoutePolicy, siteId: string, headers: Record<string, string>) {
  const [method, route] = policy.route.split(" ");
  const request = policy.build({ siteId });
  expect(route.replace(":siteId", siteId).split("/").length).toBe(request.url.split("/").length);
  return app.inject({ method: method as "GET", url: request.url, payload: request.payload as object | undefined, headers });
}

describe("identity authorization policy entries hold", () => {
  it("for anonymous callers and a sample of roles, at their own site and another", async () => {
    const sites = await database.db.selectFrom("site").select("id").execute();
    const failures: string[] = [];
    for (const policy of policies) {
      const anyUser = await demoUser(database.db, "caseworker");
      const anon = await call(policy, anyUser.site_id, {});
      if (anon.statusCode !== policy.anonymous) failures.push(`${policy.route} anonymous: ${anon.statusCode} ≠ ${policy.anonymous}`);
    }
    const sessions = new Map<RoleName, { session: SignedIn; siteId: string }>();
    for (const role of ROLES) {
      const user = await demoUser(database.db, role);
      sessions.set(role, { session: await signIn(app, user.email), siteId: user.site_id });
    }
    for (const policy of policies.filter((p) => p.route !== "POST /api/auth/sign-out")) {
      for (const role of ROLES) {
        const { session, siteId } = sessions.get(role)!;
        const otherSite = sites.find((s) => s.id !== siteId)!.id;
        const relations: [Relation, string][] = policy.target === "site" ? [["own", siteId], ["other_site", otherSite]] : [["own", siteId]];
        for (const [relation, target] of relations) {
          const want = expected(policy, role, relation);
          const response = await call(policy, target, session.headers());
          if (response.statusCode !== want.status) failures.push(`${policy.route} ${role}/${relation}: ${response.statusCode} ≠ ${want.status} ${response.body.slice(0, 120)}`);
          else if (want.fields) {
            const keys = Object.keys(response.json()).sort();
            if (keys.join() !== [...want.fields].sort().join()) failures.push(`${policy.route} ${role}/${relation}: fields ${keys.join()}`);
          }
        }
      }
    }
    for (const role of ROLES) {
      const policy = policies.find((p) => p.route === "POST /api/auth/sign-out")!;
      const { session, siteId } = sessions.get(role)!;
      const response = await call(policy, siteId, session.headers());
      if (response.statusCode !== expected(policy, role, "own").status) failures.push(`sign-out ${role}: ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
