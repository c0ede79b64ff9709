import { printDemoSignIns } from "../demo/demo-accounts.js";
import { seedDemoIfEmpty } from "../demo/seed.js";
import type { CliCommand } from "./command.js";
import { withDatabase } from "./with-database.js";

export const seedDemoCommand: CliCommand = {
  name: "seed-demo",
  summary: "Seed the demo network (three sites, children with placement histories, demo sign-ins)",
  help: [
    "Options:",
    "  --seed N     generator seed (default 1); the same seed makes the same network",
    "  --scale S    size factor (default 1 ≈ 200 children a site)",
    "  --as-of DAY  the demo's today, YYYY-MM-DD (default: today)",
    "Seeds only an empty database (no sites yet).",
  ].join("\n"),
  options: { seed: { type: "string" }, scale: { type: "string" }, "as-of": { type: "string" } },
  async run(values) {
    const seed = Number(values.seed ?? 1);
    const scale = Number(values.scale ?? 1);
    const asOf = values["as-of"] as string | undefined;
    if (!Number.isInteger(seed) || seed < 0) throw new Error("--seed must be a whole number ≥ 0");
    if (!(scale > 0 && scale <= 50)) throw new Error("--scale must be a number above 0 and at most 50");
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error("--as-of must be YYYY-MM-DD");
    return withDatabase(async (db) => {
      const seeded = await seedDemoIfEmpty(db, { seed, scale, asOf });
      if (!seeded) {
        console.error("The database already has sites; the demo network is seeded only into an empty database.");
        return 1;
      }
      console.log(`Seeded: ${seeded.summary}`);
      await printDemoSignIns(db);
      return 0;
    });
  },
};
