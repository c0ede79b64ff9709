#!/usr/bin/env node
// `npm test`: type check, unit + integration tests (real database: PGlite, or
// PostgreSQL when TEST_DATABASE_URL is set), then browser journeys in Chromium.
// Ends with one line "tests: N passed, N failed".
// `--no-browser` stops after the unit and integration tests; `--unit-only` runs the unit tests and, of the
// integration tests, only a smoke set that opens the embedded engine (CI's run on the newest Node LTS).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const noBrowser = process.argv.includes("--no-browser");
const unitOnly = process.argv.includes("--unit-only");
const only = process.argv.slice(2).filter((arg) => arg !== "--no-browser" && arg !== "--unit-only");
// Integration tests that open PGlite, run migrations, sign in over HTTP and verify the audit chain.
const SMOKE = ["test/platform/audit-tamper.int.test.ts", "test/identity/sessions.int.test.ts"];
const engine = process.env.TEST_DATABASE_URL
  ? `PostgreSQL (${new URL(process.env.TEST_DATABASE_URL).host})`
  : "PGlite (embedded)";
console.log(`\n== QPI Platform tests on ${engine}, Node ${process.version}\n`);

let passed = 0;
let failed = 0;
let ok = true;

function step(title, command, args) {
  console.log(`\n== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) ok = false;
  return result.status === 0;
}

function vitest(title, config, extra = []) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qpi-vitest-")), "report.json");
  step(title, bin("vitest"), [
    "run",
    "--config",
    config,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...extra,
    ...only,
  ]);
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    if (json.numTotalTests === 0 && only.length === 0) {
      console.error(`${title}: no tests ran`);
      ok = false;
    }
  } else {
    ok = false;
  }
}

step("Format and lint (biome check)", bin("biome"), ["check", "."]);
step("Type check (tsc --noEmit)", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
if (unitOnly) {
  vitest("Unit tests", "vitest.config.ts", ["--exclude", "**/*.int.test.ts"]);
  vitest("Integration smoke tests", "vitest.config.ts", SMOKE);
} else {
  vitest("Unit and integration tests", "vitest.config.ts");
}
if (!noBrowser && !unitOnly) vitest("Browser and start-up tests (Chromium)", "vitest.e2e.config.ts");

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
