import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { buildApp } from "../server/app.js";
import { openDatabase } from "../server/db/engine.js";
import { migrateToLatest } from "../server/db/migrate.js";
import { DEMO_DOMAIN, DEMO_PASSWORD } from "../server/demo/demo-accounts.js";
import { seedTestWorld } from "../test/support/test-world.js";

/**
 * Sign-in under a flood: 50 anonymous clients, each from its own address
 * (X-Forwarded-For behind a trusted proxy), post wrong passwords as fast as
 * they are answered while legitimate users sign in from other addresses.
 * What counts is how long a legitimate sign-in takes (goal < 2 s). One run,
 * one JSON (bench/results/sign-in.json).
 */
export interface SignInBenchResult {
  engine: string;
  flood_clients: number;
  flood_seconds: number;
  /** Legitimate sign-ins with no flood: each one's seconds. */
  quiet_seconds: number[];
  quiet_median_seconds: number;
  /** Legitimate sign-ins during the flood, each from an address of its own. */
  flood_legit_seconds: number[];
  flood_legit_median_seconds: number;
  flood_legit_max_seconds: number;
  /** Legitimate sign-ins that did not end in a session: their status (a 429) or error (a timeout). */
  flood_legit_failed: (number | string)[];
  /** Answers the flood got, by status. */
  flood_answers: Record<string, number>;
  node: string;
  cpus: number;
  measured_at: string;
}

const FLOOD_CLIENTS = Number(process.env.BENCH_FLOOD ?? 50);
const LEGIT_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 8);
const WARM_UP_MS = 3_000;
const LEGIT_SPACING_MS = Number(process.env.BENCH_SPACING_MS ?? 3_000);
const TIMEOUT_MS = 60_000;
const TIMEOUT_MS_TEXT = String(TIMEOUT_MS);

/** The flood's clients, plain JavaScript for a worker thread. */
const FLOOD_SOURCE = `
const http = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let flooding = true;
const answers = {};
parentPort.on("message", () => { flooding = false; });
function post(address, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const request = http.request({ host: "127.0.0.1", port: workerData.port, path: "/api/auth/sign-in", method: "POST",
      agent, timeout: ${TIMEOUT_MS_TEXT}, headers: { "content-type": "application/json",
      "content-length": Buffer.byteLength(payload), "x-forwarded-for": address } },
      (response) => { response.resume(); response.on("end", () => resolve(response.statusCode)); });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve(error.message));
    request.end(payload);
  });
}
Promise.all(Array.from({ length: workerData.clients }, async (_, i) => {
  for (let n = 0; flooding; n++) {
    const status = await post("10.66." + Math.floor(i / 250) + "." + ((i % 250) + 1),
      { email: "flood-" + i + "-" + n + "@example.org", password: "not-the-password" });
    answers[status] = (answers[status] || 0) + 1;
    // Refused at once: the client tries again 250 ms later (50 clients: 200 requests a second).
    if (status === 429) await new Promise((resolve) => setTimeout(resolve, 250));
  }
})).then(() => { agent.destroy(); parentPort.postMessage(answers); });
`;

const round = (s: number) => Math.round(s * 100) / 100;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : Number.NaN;
};

function post(port: number, agent: http.Agent, address: string, body: unknown) {
  const payload = JSON.stringify(body);
  return new Promise<{ status: number | string; seconds: number; body: string }>((resolve) => {
    const started = performance.now();
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/auth/sign-in",
        method: "POST",
        agent,
        timeout: TIMEOUT_MS,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          "x-forwarded-for": address,
        },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, seconds: (performance.now() - started) / 1000, body }),
        );
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) =>
      resolve({ status: error.message, seconds: (performance.now() - started) / 1000, body: "" }),
    );
    request.end(payload);
  });
}

export async function runSignInBench(): Promise<SignInBenchResult> {
  const opened = await openDatabase({ dataDir: "memory://" });
  await migrateToLatest(opened.db);
  await seedTestWorld(opened.db);
  const user = await opened.db
    .selectFrom("user_account")
    .innerJoin("role_grant", "role_grant.user_id", "user_account.id")
    .select("user_account.email")
    .where("role_grant.role_code", "=", "caseworker")
    .where("user_account.email", "like", `%@${DEMO_DOMAIN}`)
    .executeTakeFirstOrThrow();
  // The production request limits (600 a minute per client, 60 sign-ins a minute per client) stay on.
  const app = await buildApp({ db: opened.db, engine: opened.kind, webDist: "/nonexistent", trustProxy: true });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  let legitAddress = 0;
  const legit = () =>
    post(port, agent, `198.18.${Math.floor(++legitAddress / 250)}.${(legitAddress % 250) + 1}`, {
      email: user.email,
      password: DEMO_PASSWORD,
    });

  try {
    // Quiet: one sign-in at a time (the first also fills the decoy hash and warms the caches).
    await legit();
    const quiet: number[] = [];
    for (let i = 0; i < 5; i++) quiet.push((await legit()).seconds);

    // The flood: each client posts a wrong password for an address that has no account, again and again. It runs
    // on a thread of its own, as an attacker's machine would: the server's event loop does only the server's work.
    const floodStarted = performance.now();
    const flood = new Worker(FLOOD_SOURCE, { eval: true, workerData: { port, clients: FLOOD_CLIENTS } });
    const floodDone = new Promise<Record<string, number>>((resolve) => flood.once("message", resolve));
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const during: number[] = [];
    const failed: (number | string)[] = [];
    const samples: Promise<void>[] = [];
    for (let i = 0; i < LEGIT_SAMPLES; i++) {
      samples.push(
        legit().then(({ status, seconds, body }) => {
          if (status === 200) during.push(seconds);
          else failed.push(`${status} ${body.slice(0, 120)}`);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, LEGIT_SPACING_MS));
    }
    await Promise.all(samples);
    flood.postMessage("stop");
    const answers = await floodDone;
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    await flood.terminate();

    return {
      engine: `${opened.kind} · scrypt N=2^17 · ${FLOOD_CLIENTS} flood clients from ${FLOOD_CLIENTS} addresses`,
      flood_clients: FLOOD_CLIENTS,
      flood_seconds: round(floodSeconds),
      quiet_seconds: quiet.map(round),
      quiet_median_seconds: round(median(quiet)),
      flood_legit_seconds: during.map(round),
      flood_legit_median_seconds: round(median(during)),
      flood_legit_max_seconds: round(Math.max(...during)),
      flood_legit_failed: failed,
      flood_answers: answers,
      node: process.version,
      cpus: os.availableParallelism(),
      measured_at: new Date().toISOString(),
    };
  } finally {
    agent.destroy();
    await app.close();
    await opened.close();
  }
}
