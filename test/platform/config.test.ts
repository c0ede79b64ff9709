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
});
