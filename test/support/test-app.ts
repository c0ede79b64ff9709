import type { LightMyRequestResponse } from "fastify";
import type { Kysely } from "kysely";
import { type BuildAppOptions, buildApp } from "../../server/app.js";
import type { Database } from "../../server/db/database.js";
import type { EngineKind } from "../../server/db/engine.js";
import { DEMO_PASSWORD } from "../../server/demo/demo-accounts.js";
import type { App } from "../../server/platform/http/types.js";

export const SESSION_COOKIE = "__Host-qpi_session";

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for a request as this user; add the CSRF token for state-changing ones. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

export async function buildTestApp(
  db: Kysely<Database>,
  kind: EngineKind,
  options: Pick<BuildAppOptions, "onRoute" | "now"> = {},
): Promise<App> {
  const app = await buildApp({ db, engine: kind, webDist: "/nonexistent", rateLimitPerMinute: 100_000, ...options });
  await app.ready();
  return app;
}

export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  const header = response.headers["set-cookie"];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  return all.map((c) => c.split(";")[0]).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

export async function signIn(
  app: App,
  email: string,
  password = DEMO_PASSWORD,
  remoteAddress?: string,
): Promise<SignedIn> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = sessionCookieOf(response)!;
  const session = await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
  const csrfToken = session.json().csrfToken as string;
  return {
    cookie,
    csrfToken,
    headers: (extra = {}) => ({ cookie, "x-csrf-token": csrfToken, ...extra }),
  };
}
