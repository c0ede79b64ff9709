// A process that races for data-folder locks on its parent's command (test/db/data-dir-lock.test.ts).
// Messages in: { trial, dir, goAt } → try to lock `dir` at `goAt` and answer { trial, outcome };
// { release: trial } → release that lock if held; "exit" → leave (holding whatever it holds).
import { pathToFileURL } from "node:url";

const lockModule = process.argv[2] ?? new URL("../../server/db/data-dir-lock.ts", import.meta.url).href;
const { acquireDataDirLock, DataDirLockedError } = (await import(
  lockModule.startsWith("file:") ? lockModule : pathToFileURL(lockModule).href
)) as typeof import("../../server/db/data-dir-lock.js");

type Message = { trial: number; dir: string; goAt: number } | { release: number } | "exit";
const held = new Map<number, { release(): void }>();

process.on("message", async (message: Message) => {
  if (message === "exit") process.exit(0);
  if ("release" in message) {
    held.get(message.release)?.release();
    held.delete(message.release);
    process.send?.({ released: message.release });
    return;
  }
  const wait = message.goAt - Date.now() - 5;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  while (Date.now() < message.goAt) {
    /* spin to the common start */
  }
  let outcome: string;
  try {
    held.set(message.trial, acquireDataDirLock(message.dir));
    outcome = "won";
  } catch (error) {
    outcome = error instanceof DataDirLockedError ? "refused" : `error: ${(error as Error).message}`;
  }
  process.send?.({ trial: message.trial, outcome });
});
process.send?.("ready");
