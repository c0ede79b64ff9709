import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../server/platform/http/types.js";
import { type SignedInActor, signInActors } from "../authz/calls.js";
import { policyTable, preparePolicyWorld } from "../authz/policy-table.js";
import { ALL_ROLES, type PolicyTarget, type RoutePolicy, relationsFor } from "../authz/policy-types.js";
import { type ChildFacts, loadActorFacts, loadChildFacts, pickTarget } from "../authz/world.js";
import { buildTestApp, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// The bad-input battery: every registered /api route (the policy table has a
// well-formed request for each, and the meta-test there keeps it complete),
// called anonymously and signed in as a role that gets through, with a 10 MB
// body, and with NUL bytes, lone surrogates, invalid UTF-8 and bidirectional
// overrides put in turn into each string of the body and each query parameter.
// Nothing may answer 5xx and nothing may be stored with U+FFFD.
let database: TestDatabase;
let app: App;
let actors: SignedInActor[];
let children: ChildFacts[];
const registered = new Set<string>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  await preparePolicyWorld(database.db);
  app = await buildTestApp(database.db, database.kind, {
    onRoute: (route) => {
      for (const method of [route.method].flat()) if (method !== "HEAD") registered.add(`${method} ${route.url}`);
    },
  });
  actors = await signInActors(app, await loadActorFacts(database.db), 12);
  children = await loadChildFacts(database.db);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Kind = "nul" | "lone_surrogate" | "invalid_utf8" | "bidi";
const KINDS: Kind[] = ["nul", "lone_surrogate", "invalid_utf8", "bidi"];
/** Stands in a JSON string for the invalid UTF-8 bytes spliced into the encoded body. */
const RAW_MARK = "@@INVALID-UTF8@@";

/** The bad text to put in a JSON string (invalid UTF-8 is spliced in as bytes afterwards). */
function badText(kind: Kind, original: string): string {
  switch (kind) {
    case "nul":
      return `${original}\u0000x`;
    case "lone_surrogate":
      return `${original}\ud800x`;
    case "invalid_utf8":
      return `${original}${RAW_MARK}`;
    case "bidi":
      return `\u202e${original}`;
  }
}

/** The same, percent-encoded for a query string (a lone surrogate can only be sent as its invalid UTF-8 bytes). */
function badQuery(kind: Kind, original: string): string {
  const value = encodeURIComponent(original);
  switch (kind) {
    case "nul":
      return `${value}%00x`;
    case "lone_surrogate":
      return `${value}%ED%A0%80x`;
    case "invalid_utf8":
      return `${value}%FFx`;
    case "bidi":
      return `%E2%80%AE${value}`;
  }
}

/** Paths ("a.b.0") of every string in a JSON value. */
function stringPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value === "string") return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...prefix, String(i)]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
  return [];
}

function withStringAt(value: unknown, path: string[], replace: (s: string) => string): unknown {
  if (path.length === 0) return replace(value as string);
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[path[0]] = withStringAt(copy[path[0]], path.slice(1), replace);
  return copy;
}

function encodeBody(payload: unknown): Buffer {
  const text = JSON.stringify(payload);
  const at = text.indexOf(RAW_MARK);
  if (at < 0) return Buffer.from(text, "utf8");
  return Buffer.concat([
    Buffer.from(text.slice(0, at), "utf8"),
    Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
    Buffer.from(text.slice(at + RAW_MARK.length), "utf8"),
  ]);
}

interface Probe {
  label: string;
  url: string;
  body?: Buffer | string;
  /** The field the bad input went into ("" for a 10 MB body). */
  field: string;
  kind: Kind | "10MB";
}

function probesFor(policy: RoutePolicy, target: PolicyTarget): Probe[] {
  const method = policy.route.split(" ")[0];
  const request = policy.build(target);
  const [pathPart, queryPart = ""] = request.url.split("?");
  const params = queryPart ? queryPart.split("&").map((pair) => pair.split("=") as [string, string]) : [];
  const probes: Probe[] = [];
  const hasBody = method !== "GET" && method !== "DELETE";
  if (hasBody) {
    probes.push({
      label: "10 MB body",
      url: request.url,
      body: JSON.stringify({ ...((request.payload as object) ?? {}), padding: "x".repeat(10 * 1024 * 1024) }),
      field: "",
      kind: "10MB",
    });
  }
  for (const kind of KINDS) {
    if (hasBody)
      for (const path of stringPaths(request.payload ?? {})) {
        const payload = withStringAt(request.payload, path, (s) => badText(kind, s));
        probes.push({
          label: `${kind} in body ${path.join(".")}`,
          url: request.url,
          body: encodeBody(payload),
          field: path.join("."),
          kind,
        });
      }
    const queryVariants: [string, [string, string][]][] = [
      ...params.map(([k], i): [string, [string, string][]] => [
        k,
        params.map(([pk, pv], j): [string, string] => [pk, j === i ? badQuery(kind, decodeURIComponent(pv)) : pv]),
      ]),
      ["q", [...params, ["q", badQuery(kind, "probe")]]],
    ];
    for (const [field, pairs] of queryVariants) {
      probes.push({
        label: `${kind} in query ${field}`,
        url: `${pathPart}?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`,
        ...(hasBody ? { body: JSON.stringify(request.payload ?? {}) } : {}),
        field,
        kind,
      });
    }
  }
  return probes;
}

/** A signed-in actor and target for which the route's policy expects success, so bad input reaches the handler. */
function passingCaller(policy: RoutePolicy): { actor: SignedInActor; target: PolicyTarget } {
  for (const role of ALL_ROLES) {
    const actor = actors.find((a) => a.role === role);
    if (!actor) continue;
    for (const relation of relationsFor[policy.target]) {
      const want = policy.expect[role]?.[relation] ?? policy.otherwise;
      if (want.status >= 300) continue;
      if (policy.target !== "child") return { actor, target: { siteId: actor.siteId } };
      const child = pickTarget(actor, relation, children);
      if (child) return { actor, target: { siteId: child.siteId, childId: child.id } };
    }
  }
  const actor = actors[0];
  const child = children.find((c) => c.siteId === actor.siteId)!;
  return { actor, target: { siteId: actor.siteId, childId: child.id } };
}

let nextAddress = 0;
/** Each call from an address of its own, so per-address limits do not turn the battery into 429s. */
const freshAddress = () => {
  nextAddress += 1;
  return `10.${200 + Math.floor(nextAddress / 65_536)}.${Math.floor(nextAddress / 256) % 256}.${nextAddress % 256}`;
};

async function send(
  method: string,
  probe: Probe,
  headers: Record<string, string>,
  remoteAddress = freshAddress(),
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: method as "POST",
    url: probe.url,
    ...(probe.body !== undefined
      ? { payload: probe.body, headers: { ...headers, "content-type": "application/json" } }
      : { headers }),
    remoteAddress,
  });
}

/** Rows of any table with a text value that holds U+FFFD or a bidirectional override. */
async function storedBadText(): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`.execute(database.db);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const hits = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(table_name)}
      WHERE ${sql.ref(column_name)}::text ~ ${"[\ufffd\u202a-\u202e\u2066-\u2069]"}`.execute(database.db);
    if (hits.rows[0].n > 0) found.push(`${table_name}.${column_name}: ${hits.rows[0].n}`);
  }
  return found;
}

describe("bad input to every route", () => {
  it("never answers 5xx, refuses bad text naming the field, and stores no U+FFFD", async () => {
    const storedBefore = await storedBadText();
    expect(storedBefore).toEqual([]);
    const apiRoutes = [...registered].filter((r) => r.split(" ")[1].startsWith("/api/"));
    // One entry per route: the plain one (variants of a route differ only in their target, not their input).
    const policies = policyTable.filter((p) => apiRoutes.includes(p.route) && p.variant === undefined);
    expect(policies.length).toBe(apiRoutes.filter((r) => r !== "GET /api/openapi.json").length);

    const serverErrors: string[] = [];
    const wrong: string[] = [];
    const routesWith5xx = new Set<string>();
    let calls = 0;
    for (const policy of policies) {
      const method = policy.route.split(" ")[0];
      const { actor, target } = passingCaller(policy);
      for (const probe of probesFor(policy, target)) {
        const session = policy.endsSession ? await signIn(app, actor.email, undefined, freshAddress()) : actor.session;
        for (const who of ["anonymous", "signed in"] as const) {
          const response = await send(method, probe, who === "anonymous" ? {} : session.headers());
          calls++;
          const where = `${policy.route} ${who}: ${probe.label}`;
          if (response.statusCode >= 500) {
            serverErrors.push(`${where} → ${response.statusCode} ${response.body.slice(0, 120)}`);
            routesWith5xx.add(policy.route);
            continue;
          }
          if (probe.kind === "10MB") {
            if (response.statusCode !== 413 && response.statusCode !== 401)
              wrong.push(`${where} → ${response.statusCode}, not 413`);
            continue;
          }
          if (response.statusCode === 401 && who === "anonymous") continue;
          if (response.statusCode !== 400) {
            wrong.push(`${where} → ${response.statusCode}, not 400`);
            continue;
          }
          const fields = ((response.json().error?.fields ?? []) as { field: string }[]).map((f) => f.field);
          if (!fields.includes(probe.field)) wrong.push(`${where} → 400 naming ${fields.join(",") || "no field"}`);
        }
      }
    }
    const stored = await storedBadText();
    console.log(
      `bad-input battery (${database.kind}): ${calls} calls to ${policies.length} routes, ` +
        `${serverErrors.length} answered 5xx on ${routesWith5xx.size} routes, ${wrong.length} not refused as ` +
        `expected, ` +
        `stored bad text: ${stored.join("; ") || "none"}`,
    );
    expect(serverErrors).toEqual([]);
    expect(stored).toEqual([]);
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(policies.length * 10);
  }, 600_000);
});
