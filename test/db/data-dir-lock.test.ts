import { type ChildProcess, fork, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acquireDataDirLock,
  DataDirLockedError,
  processStart,
  readDataDirLock,
} from "../../server/db/data-dir-lock.js";

const racerScript = path.join(import.meta.dirname, "lock-racer.ts");
const TRIALS = 70;
const RACERS = 4;

function startRacer(): Promise<ChildProcess> {
  const child = fork(racerScript, [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`racer exited early (${code})`)));
  });
}

function ask<T>(child: ChildProcess, message: unknown, accept: (reply: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const listener = (reply: T) => {
      if (!accept(reply)) return;
      child.off("message", listener);
      resolve(reply);
    };
    child.on("message", listener);
    child.send(message as never);
  });
}

type Outcome = { trial: number; outcome: string };
const tryLock = (child: ChildProcess, trial: number, dir: string, goAt: number) =>
  ask<Outcome>(child, { trial, dir, goAt }, (reply) => reply?.trial === trial);

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-lock-"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const freshDir = () => fs.mkdtempSync(path.join(root, "dir-"));

describe("the data-folder lock", () => {
  it("refuses a second taker in the same process and frees the folder on release", () => {
    const dir = freshDir();
    expect(readDataDirLock(dir).state).toBe("free");
    const lock = acquireDataDirLock(dir);
    expect(readDataDirLock(dir)).toMatchObject({ state: "held", holder: { pid: process.pid } });
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(readDataDirLock(dir).state).toBe("free");
    acquireDataDirLock(dir).release();
    expect(readDataDirLock(dir).state).toBe("free");
  });

  it("reads a lock whose pid is dead, or now belongs to another process, as stale and takes it over", () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    const file = fs.readdirSync(dir).find((name) => /^\.lock\.\d+$/.test(name))!;
    const mine = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    lock.release();

    // A pid reused by a live process (this one) that started at another time than the holder did.
    const reused = { ...mine, start: String(Number(processStart(process.pid)) - 1), nonce: "reused" };
    fs.writeFileSync(path.join(dir, ".lock.7"), JSON.stringify(reused));
    expect(readDataDirLock(dir).state).toBe("stale");
    acquireDataDirLock(dir).release();

    // A holder that has exited.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    expect(processStart(dead)).toBeNull();
    fs.writeFileSync(path.join(dir, ".lock.20"), JSON.stringify({ ...mine, pid: dead, nonce: "dead" }));
    expect(readDataDirLock(dir).state).toBe("stale");
    const taken = acquireDataDirLock(dir);
    expect(readDataDirLock(dir)).toMatchObject({ state: "held", holder: { pid: process.pid } });
    expect(fs.readdirSync(dir).filter((name) => name.startsWith(".lock"))).toEqual([".lock.21"]);
    taken.release();
  });

  it(`gives a stale lock to exactly one of ${RACERS} racing processes, ${TRIALS} times`, async () => {
    const racers = await Promise.all(Array.from({ length: RACERS + 1 }, startRacer));
    const victim = racers.pop()!;
    try {
      // The stale locks: a process takes every folder's lock and is killed holding them.
      const dirs = Array.from({ length: TRIALS }, freshDir);
      for (const [trial, dir] of dirs.entries()) {
        expect((await tryLock(victim, trial, dir, 0)).outcome).toBe("won");
      }
      const died = new Promise((resolve) => victim.once("exit", resolve));
      victim.kill("SIGKILL");
      await died;
      for (const dir of dirs) expect(readDataDirLock(dir).state).toBe("stale");

      const winnersPerTrial: number[] = [];
      for (const [trial, dir] of dirs.entries()) {
        const goAt = Date.now() + 150;
        const outcomes = await Promise.all(racers.map((racer) => tryLock(racer, trial, dir, goAt)));
        expect(outcomes.filter((o) => o.outcome !== "won" && o.outcome !== "refused")).toEqual([]);
        winnersPerTrial.push(outcomes.filter((o) => o.outcome === "won").length);
        expect(readDataDirLock(dir).state).toBe("held");
        await Promise.all(
          racers.map((racer) => ask(racer, { release: trial }, (r: { released?: number }) => r?.released === trial)),
        );
      }
      const trialsWithOneWinner = winnersPerTrial.filter((n) => n === 1).length;
      console.log(`data-folder lock: ${trialsWithOneWinner} of ${TRIALS} racing trials had exactly one winner`);
      expect(winnersPerTrial).toEqual(Array(TRIALS).fill(1));
    } finally {
      for (const racer of racers) racer.send("exit");
    }
  });
});
