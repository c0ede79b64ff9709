import type { Kysely } from "kysely";
import type { Database } from "../../server/db/database.js";
import type { RoutePolicy } from "./policy-types.js";

/** Optional in a policy file: puts into the seeded test world what its routes need (e.g. computed outcome figures). */
export type PreparePolicyWorld = (db: Kysely<Database>) => Promise<void>;

/**
 * The whole policy table: every file in test/authz/policies/ that exports
 * `policies` (and optionally `prepare`). A module adds its routes by dropping a
 * file there — nothing to register. Each entry remembers the file it came from,
 * for failure messages.
 */
const files = import.meta.glob<{ policies: RoutePolicy[]; prepare?: PreparePolicyWorld }>("./policies/*.ts", {
  eager: true,
});

/** Each file's `prepare`, run by the runners after the world is seeded and before anyone signs in. */
export const preparePolicyWorld: PreparePolicyWorld = async (db) => {
  for (const module of Object.values(files)) if (module.prepare) await module.prepare(db);
};

export const policyTable: (RoutePolicy & { file: string })[] = Object.entries(files).flatMap(([file, module]) => {
  if (!Array.isArray(module.policies)) throw new Error(`${file} must export \`policies: RoutePolicy[]\``);
  return module.policies.map((policy) => ({ ...policy, file: file.replace("./", "test/authz/") }));
});

/**
 * Routes anyone may call without a policy entry, each with the reason. This
 * list is itself policy: keep it to routes that carry no personal data.
 */
export const publicRoutes: Record<string, string> = {
  "GET /healthz": "liveness probe: status, engine and version only",
  "GET /api/openapi.json": "the API's own description; no data",
};
