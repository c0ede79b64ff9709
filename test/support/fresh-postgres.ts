import crypto from "node:crypto";
import pg from "pg";

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the PostgreSQL server of `serverUrl`, dropped (forcefully) by `drop()`. */
export async function createFreshPostgresDatabase(serverUrl: string, prefix = "qpi_t"): Promise<FreshDatabase> {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
