import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { readDataDirLock } from "../../server/db/data-dir-lock.js";
import { createFreshPostgresDatabase, type FreshDatabase } from "../../test/support/fresh-postgres.js";

export interface RunningServer {
  url: string;
  dataDir: string;
  output(): string;
  /** Signals the process group as a terminal's Ctrl-C would; 0 when everything exited by itself or by that signal. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; lockReleased: boolean }>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts the platform exactly as the README says (`npm start`) on a temporary
 * data folder and port — or, when TEST_DATABASE_URL is set and `engine` is
 * "configured", on a fresh PostgreSQL database with `--demo`.
 */
export async function startServer(
  options: { engine?: "embedded" | "configured"; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), QPI_DATA_DIR: dataDir, LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const args = ["start"];
  let postgres: FreshDatabase | undefined;
  if (options.engine === "configured" && process.env.TEST_DATABASE_URL) {
    postgres = await createFreshPostgresDatabase(process.env.TEST_DATABASE_URL, "qpi_e2e");
    env.DATABASE_URL = postgres.url;
    args.push("--", "--demo");
  }
  // Its own process group, so a stop is Ctrl-C as a terminal sends it: to npm and everything under it.
  const child: ChildProcess = spawn("npm", args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok && output.includes("Demo sign-ins")) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      signalGroup("SIGKILL");
      throw new Error(`npm start did not become healthy in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    output: () => output,
    async stop(signal = "SIGINT") {
      // 'close' comes when every process holding the output pipes — npm and the server under it — has gone.
      const exited = new Promise<number | null>((resolve) =>
        child.once("close", (code, sig) => resolve(code ?? (sig === signal ? 0 : null))),
      );
      signalGroup(signal);
      const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
      if (child.exitCode === null) signalGroup("SIGKILL");
      const lockReleased = readDataDirLock(dataDir).state === "free";
      await postgres?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      return { code, lockReleased };
    },
  };
}

/** The demo sign-ins as printed at start: role → email, and the shared password. */
export function parseDemoSignIns(output: string): { password: string; emails: Record<string, string> } {
  const password = output.match(/password for all: ([^)]+)\)/)?.[1] ?? "";
  const emails: Record<string, string> = {};
  for (const match of output.matchAll(/^\s{2}(\w+)\s+(\S+@\S+)\s/gm)) emails[match[1]] = match[2];
  return { password, emails };
}
