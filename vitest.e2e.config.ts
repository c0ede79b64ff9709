import { defineConfig } from "vitest/config";

// Browser journeys in Debian's Chromium through playwright-core, and the
// README's own `npm start`, each against a real server on a temporary port.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
