import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDemoSignIns, type RunningServer, startServer } from "./support/server.js";

// The README's quick start, as a newcomer runs it: `npm start` on a fresh
// data folder, healthz, a printed demo sign-in used over HTTP, Ctrl-C.
describe("npm start (README quick start)", () => {
  let server: RunningServer;
  let startedIn: number;

  beforeAll(async () => {
    const t0 = Date.now();
    server = await startServer({ engine: "embedded" });
    startedIn = (Date.now() - t0) / 1000;
  });
  afterAll(async () => {
    if (server) await server.stop("SIGKILL");
  });

  it("is healthy on the embedded database within 60 s and prints a sign-in per role", async () => {
    expect(startedIn).toBeLessThan(60);
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", database: "pglite" });
    const { password, emails } = parseDemoSignIns(server.output());
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(emails).sort()).toEqual(
      [
        "analyst",
        "birth_parent",
        "caregiver",
        "caseworker",
        "network_analyst",
        "qpi_coordinator",
        "rfa_worker",
        "site_admin",
        "state_analyst",
        "supervisor",
        "youth",
      ].sort(),
    );
    expect(fs.existsSync(path.join(server.dataDir, "pgdata"))).toBe(true);
  });

  it("lists the demo accounts once, after the mail backlog, and mails links to the address it listens at", async () => {
    const output = server.output();
    expect(output.split("Demo sign-ins").length - 1).toBe(1);
    const signIns = output.indexOf("Demo sign-ins");
    const emails = [...output.matchAll(/\[outbound email/g)].map((m) => m.index ?? 0);
    // The first round of reminders and mail runs before the list, so no startup email pushes it off the screen.
    expect(emails.every((at) => at < signIns)).toBe(true);
    const block = output.slice(signIns).split("\n\n")[0];
    expect(
      block
        .split("\n")
        .filter((line) => /@/.test(line))
        .every((line) => /@demo\.qpi\.example\b/.test(line)),
    ).toBe(true);
    const links = [...output.matchAll(/https?:\/\/[^\s]+\/worklist/g)].map((m) => m[0]);
    for (const link of links) expect(link).toBe(`${server.url}/worklist`);
  });

  it("signs in with a printed account over HTTP and reads the caseload", async () => {
    const { password, emails } = parseDemoSignIns(server.output());
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: emails.caseworker, password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0];
    const children = await fetch(`${server.url}/api/children`, { headers: { cookie } });
    expect(children.status).toBe(200);
    expect((await children.json()).total).toBeGreaterThan(0);
    const page = await fetch(`${server.url}/children`);
    expect(await page.text()).toContain('<div id="root">');
  });

  it("refuses a second process on the same data folder with a clear message", async () => {
    const { spawnSync } = await import("node:child_process");
    const second = spawnSync("npm", ["start"], {
      env: { ...process.env, QPI_DATA_DIR: server.dataDir, PORT: "0", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(second.status).not.toBe(0);
    expect(second.stdout + second.stderr).toMatch(/in use by another QPI process/);
  });

  it("stops cleanly on Ctrl-C and releases the data folder", async () => {
    const { code, lockReleased } = await server.stop("SIGINT");
    expect(code).toBe(0);
    expect(lockReleased).toBe(true);
    expect(server.output()).toMatch(/Stopped cleanly/);
    server = undefined as never;
  });
});
