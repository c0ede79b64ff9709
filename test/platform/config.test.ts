import { describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.js";

describe("configuration", () => {
  it("seeds the demo in embedded mode unless --no-demo", () => {
    expect(readConfig({}, []).seedDemo).toBe(true);
    expect(readConfig({}, ["--no-demo"]).seedDemo).toBe(false);
  });

  it("never seeds PostgreSQL unless --demo is given", () => {
    expect(readConfig({ DATABASE_URL: "postgres://x@localhost/db" }, []).seedDemo).toBe(false);
    expect(readConfig({ DATABASE_URL: "postgres://x@localhost/db" }, ["--demo"]).seedDemo).toBe(true);
  });

  it("reads port and data folder, with defaults", () => {
    expect(readConfig({}, [])).toMatchObject({ port: 3000, databaseUrl: undefined, secureCookies: true });
    const custom = readConfig({ PORT: "4100", QPI_DATA_DIR: "/tmp/qpi-x", QPI_INSECURE_COOKIES: "1" }, []);
    expect(custom).toMatchObject({ port: 4100, dataDir: "/tmp/qpi-x", secureCookies: false });
  });

  it("reads the trusted proxies as Fastify takes them: none, every hop, a hop count or addresses", () => {
    expect(readConfig({}, []).trustProxy).toBe(false);
    expect(readConfig({ QPI_TRUST_PROXY: "0" }, []).trustProxy).toBe(false);
    expect(readConfig({ QPI_TRUST_PROXY: "true" }, []).trustProxy).toBe(true);
    expect(readConfig({ QPI_TRUST_PROXY: "1" }, []).trustProxy).toBe(1);
    expect(readConfig({ QPI_TRUST_PROXY: "2" }, []).trustProxy).toBe(2);
    expect(readConfig({ QPI_TRUST_PROXY: "10.0.0.0/8, 192.168.1.5" }, []).trustProxy).toEqual([
      "10.0.0.0/8",
      "192.168.1.5",
    ]);
  });

  it("reads the request limits and the actor cache, refusing what is not a whole number", () => {
    expect(readConfig({}, [])).toMatchObject({ limits: {}, actorCacheSeconds: undefined });
    const set = readConfig(
      { QPI_RATE_LIMIT_USER_PER_MINUTE: "120", QPI_RATE_LIMIT_ANON_PER_MINUTE: "900", QPI_ACTOR_CACHE_SECONDS: "0" },
      [],
    );
    expect(set).toMatchObject({ limits: { userPerMinute: 120, anonymousPerMinute: 900 }, actorCacheSeconds: 0 });
    expect(() => readConfig({ QPI_RATE_LIMIT_USER_PER_MINUTE: "0" }, [])).toThrow(/QPI_RATE_LIMIT_USER_PER_MINUTE/);
    expect(() => readConfig({ QPI_RATE_LIMIT_ANON_PER_MINUTE: "lots" }, [])).toThrow(/whole number/);
  });

  it("reads the audit sealer's pace and batch, refusing what would make it spin or stall", () => {
    expect(readConfig({}, []).auditSeal).toEqual({ everyMs: undefined, batchSize: undefined });
    expect(readConfig({ QPI_AUDIT_SEAL_MS: "500", QPI_AUDIT_SEAL_BATCH: "200" }, []).auditSeal).toEqual({
      everyMs: 500,
      batchSize: 200,
    });
    expect(() => readConfig({ QPI_AUDIT_SEAL_MS: "fast" }, [])).toThrow(/QPI_AUDIT_SEAL_MS/);
    expect(() => readConfig({ QPI_AUDIT_SEAL_MS: "0" }, [])).toThrow(/at least 10/);
    expect(() => readConfig({ QPI_AUDIT_SEAL_BATCH: "0" }, [])).toThrow(/QPI_AUDIT_SEAL_BATCH/);
  });
});
