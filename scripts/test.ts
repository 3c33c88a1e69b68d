/**
 * `npm test`: every test.
 * 0. The linter and the formatter's check (Biome, biome.jsonc): `npm run lint`; `npm run format` fixes the layout.
 * 1. Unit and integration tests (vitest) on the embedded PGlite.
 * 2. When TEST_DATABASE_URL is set, the integration tests again on that real PostgreSQL, then once
 *    more through the Neon driver (@neondatabase/serverless over WebSockets, through a relay the
 *    tests start towards that same server: db/testing.ts).
 * 3. Playwright journeys in Chromium against the production build served on the embedded
 *    defaults, with their own data folder and build folder (a running `npm start` is not disturbed).
 * Exits non-zero as soon as one step fails, and before any when the journeys would have no Chromium.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CHROMIUM_MISSING, findChromium } from "./chromium";

const only = process.argv[2];

if ((!only || only === "e2e") && !findChromium()) {
  console.error(`[test] ${CHROMIUM_MISSING}`);
  process.exit(1);
}

function run(label: string, bin: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n[test] ${label}`);
  const result = spawnSync(process.execPath, [path.resolve("node_modules", bin), ...args], {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`[test] ${label}: failed`);
    process.exit(result.status ?? 1);
  }
}

if (!only || only === "lint") run("lint and formatting (Biome)", "@biomejs/biome/bin/biome", ["check", "."]);

const vitest = "vitest/vitest.mjs";
if (!only || only === "unit") {
  run("unit and integration tests on PGlite", vitest, ["run"], { TEST_DB: "pglite" });
  if (process.env.TEST_DATABASE_URL) {
    const integration = ["run", "db", "lib/dal", "app/authorization.test.ts"];
    run("integration tests on PostgreSQL (TEST_DATABASE_URL)", vitest, integration, { TEST_DB: "pg" });
    run("integration tests through the Neon driver (WebSocket relay to TEST_DATABASE_URL)", vitest, integration, { TEST_DB: "neon" });
  } else {
    console.log("[test] TEST_DATABASE_URL is not set: integration tests ran on PGlite only");
  }
}
if (!only || only === "e2e") {
  const dataDir = path.resolve(".data-e2e");
  fs.rmSync(dataDir, { recursive: true, force: true });
  run("end-to-end journeys in Chromium", "@playwright/test/cli.js", ["test"], { DATA_DIR: dataDir });
}
console.log("\n[test] all tests passed");
