// The API benchmark's load generator: a process of its own (forked by bench/api.ts), so that sending requests and
// reading answers never shares the server's event loop. Plain JavaScript over node:http with keep-alive; each
// "connection" is an agent with one socket. It receives one run at a time over IPC and answers with its figures.
import http from "node:http";

const READ_ROUTES = ["home", "worklist", "child list", "child page", "placements"];

function pathOf(route, session, n) {
  const child = session.childIds[n % session.childIds.length];
  switch (route) {
    case "home":
      return "/api/children?limit=8";
    case "worklist":
      return "/api/worklist?window=week";
    case "child list":
      return "/api/children?limit=25&offset=0";
    case "child page":
      return `/api/children/${child}`;
    case "placements":
      return `/api/children/${child}/placements`;
    default:
      return "/healthz";
  }
}

const QUERIES = /db;desc="queries";dur=(\d+)/;
/** The last version this process saw of each task it updates. */
const versions = new Map();

/** One request; resolves with its status, its query count (when the server counts) and its body when asked. */
function send(port, agent, { method, path, headers, body, keepBody }) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        agent,
        timeout: 60_000,
        headers: {
          ...headers,
          ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
        },
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => {
          if (keepBody) chunks.push(chunk);
        });
        response.on("end", () => {
          const timing = response.headers["server-timing"];
          const match = typeof timing === "string" ? QUERIES.exec(timing) : null;
          resolve({
            status: response.statusCode ?? 0,
            queries: match ? Number(match[1]) : null,
            body: keepBody ? Buffer.concat(chunks).toString("utf8") : "",
          });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve({ status: error.message, queries: null, body: "" }));
    request.end(payload);
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(spec) {
  const { port, mode, connections, seconds, sessions, tasks } = spec;
  const agents = Array.from({ length: connections }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const latencies = [];
  const statuses = {};
  const perRoute = {};
  let errors = 0;
  const trace = [];
  const perConnection = new Array(connections).fill(0);
  let firstError = null;
  // A task's version carries over from run to run (each write bumps it).
  for (const t of tasks) if (!versions.has(t.id)) versions.set(t.id, t.version);

  function record(c, route, started, answer) {
    const ms = performance.now() - started;
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    const ok = typeof answer.status === "number" && answer.status >= 200 && answer.status < 300;
    if (!ok) {
      errors++;
      firstError ??= `${route}: ${answer.status} ${answer.body.slice(0, 200)}`;
    }
    // Closed loop: every answer that arrives once measuring began, however long ago it was sent (a starved
    // request counts). Open loop: every request due once measuring began.
    const done = performance.now();
    if (measuring && (mode === "paced" ? started >= measureStart : true)) latencies.push(ms);
    if (process.env.QPI_BENCH_TRACE) trace.push([Math.round(started - t0), Math.round(ms), c]);
    if (mode === "paced" ? started >= measureStart : measuring && done <= end) requests++;
    if (measuring) perConnection[c] = (perConnection[c] ?? 0) + 1;
    const r = (perRoute[route] ??= { requests: 0, queries: 0, counted: 0, ms: 0 });
    r.requests++;
    r.ms += ms;
    if (answer.queries !== null) {
      r.queries += answer.queries;
      r.counted++;
    }
  }

  /** The c-th connection's n-th request. */
  function request(c, n) {
    if (mode === "healthz") return { route: "healthz", options: { method: "GET", path: "/healthz", headers: {} } };
    if (mode === "write") {
      const task = tasks[c % tasks.length];
      const session = sessions[task.session];
      return {
        route: "task update",
        task,
        options: {
          method: "PATCH",
          path: `/api/tasks/${task.id}`,
          headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
          body: { version: versions.get(task.id), details: { notes: `bench ${c} ${n}` } },
          keepBody: true,
        },
      };
    }
    const session = sessions[c % sessions.length];
    const route = READ_ROUTES[(c + n) % READ_ROUTES.length];
    const path = pathOf(route, session, c + n);
    return { route, options: { method: "GET", path, headers: { cookie: session.cookie }, keepBody: false } };
  }

  // Connections that share a task (fewer open tasks than connections) take turns on it: a version conflict would
  // be the bench's doing, not the app's.
  const turns = new Map();
  async function one(c, n, started) {
    const { route, task } = request(c, n);
    const previous = task ? (turns.get(task.id) ?? Promise.resolve()) : null;
    const mine = (async () => {
      if (previous) await previous;
      const answer = await send(port, agents[c], request(c, n).options);
      if (task && answer.status === 200) versions.set(task.id, JSON.parse(answer.body).version);
      record(c, route, started, answer);
    })();
    if (task) turns.set(task.id, mine);
    await mine;
  }

  let measuring = false;
  let requests = 0;
  const warmupMs = spec.warmupSeconds * 1000;
  const t0 = performance.now();
  const end = t0 + warmupMs + seconds * 1000;
  const measureStart = t0 + warmupMs;
  setTimeout(() => {
    measuring = true;
  }, warmupMs);

  if (mode === "paced") {
    // Open loop: the k-th request is due at t0 + k / rate, on connection k mod C, whether or not earlier ones were
    // answered; its latency counts from when it was due, so a stall shows in every request it delayed.
    const interval = 1000 / spec.targetRps;
    const pending = [];
    await new Promise((resolve) => {
      let k = 0;
      const tick = () => {
        const now = performance.now();
        while (t0 + k * interval <= now) {
          const due = t0 + k * interval;
          if (due >= end) return resolve();
          const c = k % connections;
          pending.push(one(c, Math.floor(k / connections), due));
          k++;
        }
        setTimeout(tick, Math.max(0, t0 + k * interval - now));
      };
      tick();
    });
    await Promise.all(pending);
  } else {
    await Promise.all(
      agents.map(async (_, c) => {
        for (let n = 0; performance.now() < end; n++) {
          const started = performance.now();
          await one(c, n, started);
        }
      }),
    );
  }
  const elapsed = (Math.min(performance.now(), end) - measureStart) / 1000;
  for (const agent of agents) agent.destroy();
  if (process.env.QPI_BENCH_TRACE)
    (await import("node:fs")).writeFileSync(process.env.QPI_BENCH_TRACE, JSON.stringify(trace));
  latencies.sort((a, b) => a - b);
  const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    requests,
    rps: Math.round(requests / elapsed),
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(latencies.at(-1) ?? null),
    errors,
    statuses,
    // Answers per connection while measuring: a starved connection shows as a low minimum.
    connection_answers: { min: Math.min(...perConnection), max: Math.max(...perConnection) },
    first_error: firstError,
    routes: Object.fromEntries(
      Object.entries(perRoute).map(([route, r]) => [
        route,
        {
          requests: r.requests,
          mean_ms: round(r.ms / r.requests),
          queries_per_request: r.counted ? round(r.queries / r.counted) : null,
        },
      ]),
    ),
  };
}

process.on("message", (spec) => {
  run(spec).then(
    (result) => process.send({ ok: true, result }),
    (error) => process.send({ ok: false, error: String(error?.stack ?? error) }),
  );
});
