import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * One process at a time on a PGlite data folder: PGlite does not lock its folder, and two processes opening it
 * corrupt it (pglite#323).
 *
 * The lock is a series of generation files `<dir>/.lock.<N>`; the highest N is the lock. Each file is written whole
 * under a private name and then hard-linked to its generation name, which the file system does atomically and only
 * once: of any number of processes that try to create generation N, exactly one succeeds. A process takes the lock by
 * creating generation max+1 when generation max is free (released, or its holder is gone), then checks that no higher
 * generation appeared meanwhile (a slow process may create a number that a later winner already cleaned away: it
 * finds the higher one and backs off). The highest file is never deleted — releasing marks it released by an atomic
 * rename — so the highest number only grows, and taking over a stale lock is the same single atomic create as taking
 * a free one: two processes can never both take over.
 *
 * A holder is recognised by pid, the process's start time as the kernel records it and the boot it ran in, so a dead
 * process, a reboot, or a new process that happens to reuse the pid all read as gone. A holder that ran in another
 * boot on another host (a shared network folder) cannot be checked and is treated as alive.
 */

export interface DataDirLock {
  release(): void;
}

interface Holder {
  pid: number;
  /** The process's start as the kernel reports it (Linux: clock ticks since boot; elsewhere `ps -o lstart`). */
  start: string;
  boot: string;
  host: string;
  nonce: string;
  released?: boolean;
}

export type DataDirLockState =
  | { state: "free" }
  | { state: "held"; holder: Holder; file: string }
  | { state: "stale"; holder: Holder; file: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    holderHost?: string,
  ) {
    const where = holderHost && holderHost !== os.hostname() ? ` on host ${holderHost}` : "";
    super(
      `The data folder ${path.resolve(dataDir)} is in use by another QPI process (pid ${holderPid}${where}). ` +
        `Stop that process, or point QPI_DATA_DIR at another folder.`,
    );
  }
}

const LOCK_FILE = /^\.lock\.(\d+)$/;

let cachedBoot: string | undefined;
function bootId(): string {
  if (cachedBoot === undefined) {
    try {
      cachedBoot = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    } catch {
      // No boot id outside Linux: the boot time to the minute (uptime drifts by less than that).
      cachedBoot = `boot@${Math.round((Date.now() / 1000 - os.uptime()) / 60)}`;
    }
  }
  return cachedBoot;
}

/** The start of process `pid`, or null when no such process runs. */
export function processStart(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (process.platform === "linux") {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // Field 22 (starttime), counted after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return fields[19] ?? null;
    } catch {
      return null;
    }
  }
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  try {
    return execFileSync("ps", ["-o", "lstart=", "-p", String(pid)], { encoding: "utf8" }).trim() || null;
  } catch {
    return "unknown";
  }
}

function isAlive(holder: Holder): boolean {
  // Another boot: this machine restarted since (the holder is gone), or another machine shares the folder.
  if (holder.boot !== bootId()) return holder.host !== os.hostname();
  const start = processStart(holder.pid);
  if (start === null) return false;
  return start === holder.start || start === "unknown" || holder.start === "unknown";
}

function generations(dataDir: string): number[] {
  const numbers: number[] = [];
  for (const name of fs.readdirSync(dataDir)) {
    const match = LOCK_FILE.exec(name);
    if (match) numbers.push(Number(match[1]));
  }
  return numbers.sort((a, b) => a - b);
}

const fileOf = (dataDir: string, generation: number) => path.join(dataDir, `.lock.${generation}`);

function readHolder(file: string): Holder | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Holder;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    // Files appear whole (hard link of a finished file); one that does not parse was not written by this code.
    throw new Error(`The data folder lock ${file} is unreadable; remove it if no QPI process uses the folder.`);
  }
}

/** The highest generation and its holder; generation 0 when the folder was never locked. */
function inspect(dataDir: string): { generation: number; lock: DataDirLockState } {
  for (;;) {
    const all = fs.existsSync(dataDir) ? generations(dataDir) : [];
    if (all.length === 0) return { generation: 0, lock: { state: "free" } };
    const generation = all[all.length - 1];
    const file = fileOf(dataDir, generation);
    const holder = readHolder(file);
    if (!holder) continue; // a file its own writer removed between the listing and the read: look again
    if (holder.released) return { generation, lock: { state: "free" } };
    const state = isAlive(holder) ? "held" : "stale";
    return { generation, lock: { state, holder, file } };
  }
}

/** Who holds the folder, as another process would see it. */
export function readDataDirLock(dataDir: string): DataDirLockState {
  return inspect(dataDir).lock;
}

function writeWhole(dataDir: string, holder: Holder): string {
  const temp = path.join(dataDir, `.lock-${holder.nonce}-${randomBytes(4).toString("hex")}.tmp`);
  fs.writeFileSync(temp, JSON.stringify(holder), { flag: "wx" });
  return temp;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const start = processStart(process.pid);
  if (start === null) throw new Error("Cannot read this process's own start time");
  const me: Holder = {
    pid: process.pid,
    start,
    boot: bootId(),
    host: os.hostname(),
    nonce: randomBytes(12).toString("hex"),
  };
  const temp = writeWhole(dataDir, me);
  try {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const { generation, lock } = inspect(dataDir);
      if (lock.state === "held") throw new DataDirLockedError(dataDir, lock.holder.pid, lock.holder.host);
      // Only the generation just read as free (or stale) may be followed: never a later one read afterwards.
      const mine = generation + 1;
      const file = fileOf(dataDir, mine);
      try {
        fs.linkSync(temp, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") continue; // another process took that generation
        throw error;
      }
      if (generations(dataDir).some((n) => n > mine)) {
        // A number a later winner had already passed: ours is not the lock.
        fs.rmSync(file, { force: true });
        continue;
      }
      for (const older of generations(dataDir)) if (older < mine) fs.rmSync(fileOf(dataDir, older), { force: true });
      return heldLock(dataDir, file, me);
    }
    throw new Error(`Could not lock the data folder ${path.resolve(dataDir)}`);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function heldLock(dataDir: string, file: string, me: Holder): DataDirLock {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      // Marked, never deleted: the highest generation must stay (see above). Written whole, swapped in atomically.
      const temp = writeWhole(dataDir, { ...me, released: true });
      try {
        if (readHolder(file)?.nonce === me.nonce) fs.renameSync(temp, file);
      } finally {
        fs.rmSync(temp, { force: true });
      }
    },
  };
}
