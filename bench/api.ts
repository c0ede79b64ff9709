import { fork } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { buildApp } from "../server/app.js";
import { readConfig } from "../server/config.js";
import { openDatabase } from "../server/db/engine.js";
import { migrateToLatest } from "../server/db/migrate.js";
import { seedDemoIfEmpty } from "../server/demo/seed.js";
import { addUser } from "../server/modules/identity/index.js";
import { modules } from "../server/modules/index.js";
import { systemActor } from "../server/platform/access/actor.js";
import { auditSealer } from "../server/platform/audit/sealer.js";
import { createScheduler } from "../server/platform/jobs/scheduler.js";
import { scheduledJobs } from "../server/platform/registry/module-descriptor.js";

/**
 * The API under load (`npm run bench -- api`): the real app on the engine it runs against (PGlite in a temporary
 * folder, or PostgreSQL when DATABASE_URL is set), the demo network, N bench supervisors made through the identity
 * module (real role grants), signed in as M sessions. The common staff reads (home, worklist, child list, child page,
 * placements) and a task update as the write, at 10, 50 and 200 connections; /healthz as the machine's ceiling; and
 * a paced, open-loop run (200 sessions sending a fixed total of 50 and 150 requests a second, latency counted from
 * when each request was due). The load comes from a process of its own. Queries per request come from the app's
 * Server-Timing header (QPI_QUERY_COUNT). Written to bench/results/api.json.
 */
export interface ApiRun {
  /** read-unaudited: the same reads with the bench database dropping audit rows (the audit's cost, measured). */
  mode: "read" | "read-unaudited" | "write" | "healthz" | "paced";
  connections: number;
  target_rps?: number;
  seconds: number;
  requests: number;
  rps: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  errors: number;
  statuses: Record<string, number>;
  first_error: string | null;
  rss_mb: number;
  /** The server's own time per answer (arrival to last byte), warm-up included. */
  server_p99_ms: number | null;
  server_max_ms: number | null;
  /** Rows the run added to the audit trail (each audited read or write adds at least one). */
  audit_rows: number;
  /** Audit rows still unsealed when the run ended, and how long the sealer then took to seal them all. */
  unsealed_at_end: number;
  sealed_within_ms: number | null;
  routes: Record<string, { requests: number; mean_ms: number; queries_per_request: number | null }>;
}

export interface ApiBenchResult {
  engine: "pglite" | "postgres";
  accounts: number;
  sessions: number;
  scheduler: boolean;
  queries_per_request: Record<string, number | null>;
  runs: ApiRun[];
  /** A session's first child list against the same request next (milliseconds, medians over the sessions). */
  first_request_ms: { first: number; second: number };
  node: string;
  cpus: number;
  load_average: number[];
  measured_at: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const ACCOUNTS = Number(env.QPI_BENCH_ACCOUNTS ?? 50);
const SESSIONS = Math.max(ACCOUNTS, Number(env.QPI_BENCH_SESSIONS ?? 200));
const SECONDS = Number(env.QPI_BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(env.QPI_BENCH_WARMUP ?? 1);
const CONNECTIONS = (env.QPI_BENCH_CONNECTIONS ?? "10,50,200").split(",").map(Number);
const PACED = (env.QPI_BENCH_PACED ?? "50,150").split(",").map(Number);
const MODES = (env.QPI_BENCH_MODES ?? "healthz,read,read-unaudited,write,paced").split(",");
const PASSWORD = "bench-password-2026-long";
const BENCH_DOMAIN = "bench.qpi.example";

interface Session {
  cookie: string;
  csrf: string;
  childIds: string[];
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 10) / 10 : null;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor((s.length - 1) / 2)] * 10) / 10 : Number.NaN;
};

async function call(port: number, pathname: string, init: RequestInit & { address?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.address) headers.set("x-forwarded-for", init.address);
  if (init.body) headers.set("content-type", "application/json");
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, { ...init, headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${pathname}: ${response.status} ${text.slice(0, 300)}`);
  return { response, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
}

export async function runApiBench(): Promise<ApiBenchResult> {
  const databaseUrl = env.DATABASE_URL;
  // PGlite in a folder on disk, as a site runs it (QPI_BENCH_DATA_DIR=memory:// for an in-memory one).
  const inMemory = env.QPI_BENCH_DATA_DIR === "memory://";
  const dataDir = databaseUrl
    ? undefined
    : inMemory
      ? "memory://"
      : fs.mkdtempSync(path.join(os.tmpdir(), "qpi-bench-api-"));
  const opened = await openDatabase({ databaseUrl, dataDir, countQueries: true });
  const { db } = opened;
  await migrateToLatest(db);
  // A run stopped half-way could have left the unaudited run's rule behind in a reused database.
  await sql`DROP RULE IF EXISTS bench_audit_off ON audit_event`.execute(db);
  const seeded = await seedDemoIfEmpty(db, { seed: 1, scale: Number(env.QPI_BENCH_SCALE ?? 1) });
  if (seeded) console.log(`seeded the demo network: ${seeded.summary}`);

  // Bench supervisors, one per unit in turn, through the identity module (the `qpi users add` path).
  const units = await db
    .selectFrom("unit")
    .innerJoin("site", "site.id", "unit.site_id")
    .select(["site.code as site_code", "unit.name as unit_name"])
    .where("unit.kind", "=", "unit")
    .orderBy("site.code")
    .orderBy("unit.name")
    .execute();
  const emails = Array.from({ length: ACCOUNTS }, (_, i) => `bench-${i}@${BENCH_DOMAIN}`);
  const existing = new Set(
    (await db.selectFrom("user_account").select("email").where("email", "in", emails).execute()).map((r) => r.email),
  );
  const minting = performance.now();
  for (let i = 0; i < ACCOUNTS; i++) {
    if (existing.has(emails[i])) continue;
    const unit = units[i % units.length];
    await addUser(db, systemActor("bench"), {
      email: emails[i],
      givenName: "Bench",
      familyName: `Supervisor ${i}`,
      role: "supervisor",
      siteCode: unit.site_code,
      unitName: unit.unit_name,
      language: "en",
      password: PASSWORD,
    });
  }
  console.log(`${ACCOUNTS} bench accounts ready (${((performance.now() - minting) / 1000).toFixed(1)} s)`);

  const app = await buildApp({
    db,
    engine: opened.kind,
    webDist: "/nonexistent",
    secureCookies: false,
    trustProxy: true,
    countQueries: true,
    // Far above any run's total: the bench measures the app, not its request limits.
    rateLimitPerMinute: 1_000_000_000,
  });
  // The server's own view of each answer (arrival to last byte), to tell server time from the client's queueing.
  let serverMs: number[] = [];
  app.addHook("onResponse", async (_request, reply) => {
    serverMs.push(reply.elapsedTime);
  });
  if (env.QPI_BENCH_TRACE) {
    let arrived = 0;
    app.addHook("onRequest", async () => {
      arrived++;
    });
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      console.error(`in server ${arrived - serverMs.length} lag ${Math.round(now - last - 500)}`);
      last = now;
    }, 500).unref();
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const withScheduler = env.QPI_SCHEDULER !== "off";
  // The audit sealer as main.ts runs it, with the same settings (QPI_AUDIT_SEAL_MS, QPI_AUDIT_SEAL_BATCH).
  const sealer = await auditSealer(db, readConfig().auditSeal);
  const scheduler = createScheduler(db, { ...scheduledJobs(modules, {}), ...sealer.jobs });
  if (withScheduler) scheduler.start();
  if (env.QPI_AUDIT_SEALER !== "off") sealer.start();
  const load = fork(path.join(here, "api-load.mjs"), [], { stdio: "inherit" });

  try {
    // Sessions: each account signs in SESSIONS / ACCOUNTS times, each sign-in from an address of its own (the
    // sign-in limit is per address); two at a time (password hashing uses the thread pool).
    const signingIn = performance.now();
    const sessions: Session[] = new Array(SESSIONS);
    const firsts: number[] = [];
    const seconds: number[] = [];
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < SESSIONS) {
          const i = next++;
          const address = `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`;
          const signedIn = await call(port, "/api/auth/sign-in", {
            method: "POST",
            address,
            body: JSON.stringify({ email: emails[i % ACCOUNTS], password: PASSWORD }),
          });
          const cookie = signedIn.response.headers
            .getSetCookie()
            .map((c) => c.split(";")[0])
            .join("; ");
          const list = await call(port, "/api/children?limit=25&offset=0", { headers: { cookie } });
          firsts.push(list.ms);
          seconds.push((await call(port, "/api/children?limit=25&offset=0", { headers: { cookie } })).ms);
          const me = await call(port, "/api/auth/session", { headers: { cookie } });
          const childIds = (list.body.children as { id: string }[]).map((c) => c.id);
          if (childIds.length === 0) throw new Error(`${emails[i % ACCOUNTS]} sees no children`);
          sessions[i] = { cookie, csrf: me.body.csrfToken, childIds };
        }
      }),
    );
    console.log(`${SESSIONS} sessions signed in (${((performance.now() - signingIn) / 1000).toFixed(1)} s)`);

    // Open tasks for the writes: one per connection where there are enough, each with the session that may edit it.
    const tasks: { id: string; version: number; session: number }[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < ACCOUNTS && tasks.length < Math.max(...CONNECTIONS); i++) {
      const { body } = await call(port, "/api/worklist?window=all", { headers: { cookie: sessions[i].cookie } });
      for (const t of body.tasks as { id: string; version: number; status: string }[])
        if (t.status === "open" && !seen.has(t.id)) {
          seen.add(t.id);
          tasks.push({ id: t.id, version: t.version, session: i });
        }
    }
    console.log(`${tasks.length} open tasks for the writes`);

    const auditRows = async () =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_event`.execute(db)).rows[0].n);
    const unsealed = async () =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_event WHERE seq IS NULL`.execute(db)).rows[0].n);
    const runs: ApiRun[] = [];
    const drive = async (mode: ApiRun["mode"], connections: number, targetRps?: number) => {
      // Audit switched off for one run, in the bench's database only: a rule that drops every audit row. The app
      // does all its work as usual and still sends the insert; the database writes nothing and the sealer idles.
      const unaudited = mode === "read-unaudited";
      if (unaudited) await sql`CREATE RULE bench_audit_off AS ON INSERT TO audit_event DO INSTEAD NOTHING`.execute(db);
      const before = await auditRows();
      serverMs = [];
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }, 250);
      const answer = await new Promise<{
        ok: boolean;
        result?: Omit<
          ApiRun,
          "mode" | "connections" | "seconds" | "rss_mb" | "audit_rows" | "server_p99_ms" | "server_max_ms"
        >;
        error?: string;
      }>((resolve) => {
        load.once("message", resolve as never);
        load.send({
          port,
          mode: unaudited ? "read" : mode,
          connections,
          seconds: SECONDS,
          warmupSeconds: WARMUP_SECONDS,
          targetRps,
          sessions: mode === "write" ? sessions.slice(0, ACCOUNTS) : sessions,
          tasks: mode === "write" ? tasks.slice(0, connections) : [],
        });
      });
      clearInterval(sampler);
      if (unaudited) await sql`DROP RULE bench_audit_off ON audit_event`.execute(db);
      if (!answer.ok || !answer.result) throw new Error(answer.error);
      const unsealedAtEnd = await unsealed();
      const sealing = performance.now();
      let sealedWithin: number | null = 0;
      if (env.QPI_AUDIT_SEALER !== "off")
        while ((await unsealed()) > 0) {
          if (performance.now() - sealing > 30_000) {
            sealedWithin = null;
            break;
          }
          await new Promise((r) => setTimeout(r, 25));
          sealedWithin = Math.round(performance.now() - sealing);
        }
      const run: ApiRun = {
        mode,
        connections,
        ...(targetRps ? { target_rps: targetRps } : {}),
        ...answer.result,
        seconds: SECONDS,
        rss_mb: Math.round(rssPeak / 2 ** 20),
        audit_rows: (await auditRows()) - before,
        unsealed_at_end: unsealedAtEnd,
        sealed_within_ms: sealedWithin,
        server_p99_ms: percentile(serverMs, 99),
        server_max_ms: percentile(serverMs, 100),
      };
      runs.push(run);
      const q = Object.entries(run.routes)
        .map(([r, v]) => `${r} ${v.queries_per_request ?? "-"}`)
        .join(", ");
      console.log(
        `${mode.padEnd(14)} ${String(connections).padStart(4)} conn${targetRps ? ` @${targetRps}/s` : ""}: ` +
          `${run.rps} req/s, p50 ${run.p50_ms} ms, p95 ${run.p95_ms} ms, p99 ${run.p99_ms} ms, ` +
          `errors ${run.errors}, audit rows +${run.audit_rows} (unsealed at end ${run.unsealed_at_end}, ` +
          `all sealed ${run.sealed_within_ms ?? ">30000"} ms later), rss ${run.rss_mb} MB; queries: ${q}`,
      );
      if (run.first_error) console.log(`  first error: ${run.first_error}`);
      // Reads and writes are audited: each answered request adds a row.
      if (mode === "read" || mode === "write" || mode === "paced") {
        const answered = Object.values(run.routes).reduce((n, r) => n + r.requests, 0) - run.errors;
        if (run.audit_rows < answered) console.log(`  ONLY ${run.audit_rows} audit rows for ${answered} answers`);
      }
    };

    for (const mode of MODES) {
      if (mode === "paced") for (const rate of PACED) await drive("paced", SESSIONS, rate);
      else for (const connections of CONNECTIONS) await drive(mode as ApiRun["mode"], connections);
    }

    const queriesPerRequest: Record<string, number | null> = {};
    for (const run of runs)
      for (const [route, v] of Object.entries(run.routes))
        if (v.queries_per_request !== null && (run.mode === "read" || run.mode === "write"))
          queriesPerRequest[route] ??= v.queries_per_request;

    return {
      engine: opened.kind,
      accounts: ACCOUNTS,
      sessions: SESSIONS,
      scheduler: withScheduler,
      queries_per_request: queriesPerRequest,
      runs,
      first_request_ms: { first: median(firsts), second: median(seconds) },
      node: process.version,
      cpus: os.availableParallelism(),
      load_average: os.loadavg().map((x) => Math.round(x * 100) / 100),
      measured_at: new Date().toISOString(),
    };
  } finally {
    load.kill();
    await scheduler.stop();
    await sealer.stop();
    await app.close();
    await opened.close();
    if (dataDir && !inMemory) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
