import path from "node:path";

/** Settings from the environment and the command line, read once at start. */
export interface PlatformConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  seedDemo: boolean;
  secureCookies: boolean;
  trustProxy: boolean;
  /** Folder the server anchors the audit chain's head into every hour (QPI_AUDIT_ANCHOR_DIR); off when unset. */
  auditAnchorDir: string | undefined;
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
    trustProxy: env.QPI_TRUST_PROXY === "1",
    auditAnchorDir: env.QPI_AUDIT_ANCHOR_DIR ? path.resolve(env.QPI_AUDIT_ANCHOR_DIR) : undefined,
  };
}
