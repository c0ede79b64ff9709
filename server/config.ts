import path from "node:path";

/**
 * Fastify's trustProxy: `true` trusts every hop (only when the proxy replaces X-Forwarded-For), a number trusts
 * that many hops nearest the server, a list trusts those proxy addresses or CIDR ranges.
 */
export type TrustProxy = boolean | number | string[];

/** Settings from the environment and the command line, read once at start. */
export interface PlatformConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  seedDemo: boolean;
  secureCookies: boolean;
  trustProxy: TrustProxy;
  /** Requests a minute per signed-in account (QPI_RATE_LIMIT_USER_PER_MINUTE) and per anonymous address (…_ANON_…). */
  limits: { userPerMinute?: number; anonymousPerMinute?: number };
  /** Seconds an instance keeps a session's actor (QPI_ACTOR_CACHE_SECONDS). */
  actorCacheSeconds?: number;
  /** Folder the server anchors the audit chain's head into every hour (QPI_AUDIT_ANCHOR_DIR); off when unset. */
  auditAnchorDir: string | undefined;
  /**
   * The address users reach the platform at (QPI_PUBLIC_URL, e.g. https://qpi.example.org behind a proxy): links in
   * emails point there. Unset: the address the server listens at.
   */
  publicUrl: string | undefined;
  /** The audit sealer: milliseconds between rounds (QPI_AUDIT_SEAL_MS) and rows per batch (QPI_AUDIT_SEAL_BATCH). */
  auditSeal: { everyMs?: number; batchSize?: number };
}

export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv.slice(2),
): PlatformConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  // Embedded mode seeds the demo network unless --no-demo; PostgreSQL never
  // does unless --demo is given: a production database is not a playground.
  const seedDemo = databaseUrl ? argv.includes("--demo") : !argv.includes("--no-demo");
  return {
    databaseUrl,
    dataDir: path.resolve(env.QPI_DATA_DIR || "./data"),
    port: Number(env.PORT || 3000),
    host: env.HOST || "0.0.0.0",
    seedDemo,
    secureCookies: env.QPI_INSECURE_COOKIES !== "1",
    trustProxy: trustProxyOf(env.QPI_TRUST_PROXY),
    limits: {
      userPerMinute: wholeNumber(env, "QPI_RATE_LIMIT_USER_PER_MINUTE", 1),
      anonymousPerMinute: wholeNumber(env, "QPI_RATE_LIMIT_ANON_PER_MINUTE", 1),
    },
    actorCacheSeconds: wholeNumber(env, "QPI_ACTOR_CACHE_SECONDS", 0),
    publicUrl: publicUrlOf(env.QPI_PUBLIC_URL),
    auditAnchorDir: env.QPI_AUDIT_ANCHOR_DIR ? path.resolve(env.QPI_AUDIT_ANCHOR_DIR) : undefined,
    auditSeal: {
      everyMs: wholeNumber(env, "QPI_AUDIT_SEAL_MS", 10),
      batchSize: wholeNumber(env, "QPI_AUDIT_SEAL_BATCH", 1),
    },
  };
}

/**
 * QPI_TRUST_PROXY: unset, "", "0" or "false" trusts no proxy; "true" every hop; a whole number that many hops
 * ("1": the one proxy in front of the server — the address it saw is the client's, whatever the client wrote
 * into X-Forwarded-For); otherwise a comma-separated list of proxy addresses or CIDR ranges.
 */
export function trustProxyOf(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0" || text === "false") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(",")
    .map((address) => address.trim())
    .filter(Boolean);
}

/** QPI_PUBLIC_URL: an http(s) address without query or fragment; a trailing slash is dropped. */
export function publicUrlOf(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`QPI_PUBLIC_URL must be an http:// or https:// address (it is "${text}")`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash)
    throw new Error(`QPI_PUBLIC_URL must be an http:// or https:// address without ? or # (it is "${text}")`);
  return text.replace(/\/+$/, "");
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, minimum: number): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`${name} must be a whole number of at least ${minimum} (it is "${text}")`);
  }
  return value;
}
