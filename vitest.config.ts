import { defineConfig } from "vitest/config";

// Unit and integration tests (server/**, test/**). Integration tests open a
// real database: embedded PGlite, or PostgreSQL when TEST_DATABASE_URL is set.
// Browser journeys are in vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.ts"],
    exclude: ["e2e/**", "node_modules/**"],
    pool: "forks",
    setupFiles: ["test/support/fast-check-seed.ts"],
    // Two cores: two files at once; each PGlite needs ~700 MB and one core.
    maxWorkers: 2,
    // Generous: scrypt at OWASP cost makes sign-in-heavy tests slow on a busy 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
