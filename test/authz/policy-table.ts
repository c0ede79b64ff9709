import type { RoutePolicy } from "./policy-types.js";

/**
 * The whole policy table: every file in test/authz/policies/ that exports
 * `policies`. A module adds its routes by dropping a file there — nothing to
 * register. Each entry remembers the file it came from, for failure messages.
 */
const files = import.meta.glob<{ policies: RoutePolicy[] }>("./policies/*.ts", { eager: true });

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
