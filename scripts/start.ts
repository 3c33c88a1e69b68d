/**
 * `npm start`: the whole product on a fresh machine, no key, no network.
 * Builds if the sources changed since the last build, migrates, seeds an empty database, then serves
 * the production build on http://localhost:$PORT (default 3000) through scripts/serve.ts.
 *
 * On the embedded database (DATABASE_URL unset), or with `npm start -- --demo` / APP_MODE=demo, it
 * runs as the local demo (APP_MODE=demo): the Tétouan demo accounts and reports, mails in the outbox
 * (/dev/outbox) unless RESEND_API_KEY is set, and an AUTH_SECRET generated once under DATA_DIR.
 * Against a real DATABASE_URL it runs as production (isDemo in lib/env.ts): AUTH_SECRET and APP_URL
 * are required (checked before building), the seed gives reference data only, no outbox page.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { isDemo, parseEnv } from "@/lib/env";
import { parseTrustedProxies } from "@/lib/server/client-address";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const root = process.cwd();
const distDir = process.env.NEXT_DIST_DIR || ".next";
const dataDir = path.resolve(process.env.DATA_DIR || ".data");
const port = process.env.PORT || "3000";

const SOURCES = ["app", "components", "lib", "db", "public", "proxy.ts", "next.config.ts", "package.json"];

function newestSourceMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === "node_modules" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestSourceMtime(path.join(entry, child)));
  }
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((entry) => newestSourceMtime(entry) > built);
}

function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

async function prepareDatabase(demo: boolean) {
  // Imported here so that a build never opens the database.
  const { openDatabase } = await import("../db");
  const { seedDatabase } = await import("../db/seed");
  // Its own handle, not the process's (getDatabase): the app served next in this process opens that one.
  const handle = await openDatabase({ url: process.env.DATABASE_URL?.trim() || undefined, dataDir: path.join(dataDir, "pglite") });
  await handle.migrate();
  const result = await seedDatabase(handle.db, { demo });
  console.log(
    result.created ? `[start] ${demo ? "demo" : "reference"} data seeded: ${JSON.stringify(result.counts)}` : "[start] database already holds data: not seeded",
  );
  // The server opens the embedded database itself: release it first (one process per folder).
  await handle.close();
}

async function main() {
  const demo = isDemo(process.env, { command: "start", args: process.argv.slice(2) });
  // The app reads the answer from APP_MODE (lib/env.ts): it keeps the outbox page only in the demo.
  process.env.APP_MODE = demo ? "demo" : "production";
  if (demo) {
    process.env.APP_URL ??= `http://localhost:${port}`;
    ensureAuthSecret();
  }
  process.env.AUTH_TRUST_HOST ??= "true";
  // Before any build: a production run without its keys stops now, with the sentence naming them.
  parseEnv({ ...process.env, NODE_ENV: "production" });
  parseTrustedProxies(process.env.TRUSTED_PROXIES);
  console.log(
    demo
      ? "[start] demo (APP_MODE=demo): demo accounts, demo reports, outbox at /dev/outbox"
      : "[start] production: reference data only, no demo account, no outbox page",
  );

  if (needsBuild()) {
    console.log("[start] building the application (first run or sources changed)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  await prepareDatabase(demo);

  const { serve } = await import("./serve");
  await serve({ port: Number(port), dir: root, trustedProxies: process.env.TRUSTED_PROXIES });
  console.log(`[start] serving on http://localhost:${port}`);
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
