import type { Kysely } from "kysely";
import type { Database } from "../../server/db/database.js";
import { type DemoNetwork, generateDemoNetwork } from "../../server/demo/generate-network.js";
import { writeDemoNetwork } from "../../server/demo/seed.js";

/** The day every test world treats as today, so tests do not drift with the calendar. */
export const TEST_AS_OF = "2026-06-30";

/** A small demo network written to the test database: three sites, every role, real histories. */
export async function seedTestWorld(
  db: Kysely<Database>,
  options: { seed?: number; scale?: number } = {},
): Promise<DemoNetwork> {
  const net = generateDemoNetwork({ seed: options.seed ?? 7, scale: options.scale ?? 0.15, asOf: TEST_AS_OF });
  await writeDemoNetwork(db, net);
  return net;
}
