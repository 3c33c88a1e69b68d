/**
 * The deployment path, through the scripts themselves (child processes, as a PaaS or a container
 * runs them) against fresh PostgreSQL databases: demo data only where a person asked for it.
 * Runs when TEST_DATABASE_URL names a PostgreSQL server.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const server = process.env.TEST_DATABASE_URL;
const created: string[] = [];

async function admin<T>(run: (client: import("pg").Client) => Promise<T>): Promise<T> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server: what a deployment's DATABASE_URL names on day one. */
async function freshDatabase(): Promise<string> {
  const name = `erec_deploy_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`create database ${name}`));
  created.push(name);
  const url = new URL(server!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function count(url: string, table: string): Promise<number> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`select count(*)::int as n from ${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

type Run = { code: number | null; stdout: string; stderr: string; ms: number };

/** Runs a script as `npm run` would (tsx), in an environment stripped of the keys a shell may hold. */
function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<Run> {
  const clean = { ...process.env };
  for (const key of ["DATABASE_URL", "APP_MODE", "AUTH_SECRET", "APP_URL", "NODE_ENV", "TRUSTED_PROXIES", "RESEND_API_KEY", "NEXT_DIST_DIR"]) delete clean[key];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve(script), ...args], {
      env: { ...clean, LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} still ran after ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

afterAll(async () => {
  if (!server) return;
  await admin(async (c) => {
    for (const name of created) await c.query(`drop database if exists ${name} with (force)`);
  });
});

describe.runIf(server)("the deployment scripts on a new PostgreSQL database", () => {
  it("`npm run db:seed` gives the reference data only: no account, no report", async () => {
    const url = await freshDatabase();
    const run = await runScript("db/seed/run.ts", [], { DATABASE_URL: url }, 120_000);
    expect(run.code, run.stderr).toBe(0);
    expect(await count(url, "city")).toBe(1);
    expect(await count(url, "categories")).toBeGreaterThanOrEqual(15);
    expect(await count(url, "users")).toBe(0);
    expect(await count(url, "reports")).toBe(0);
    expect(run.stdout).not.toContain("demo-admin-2026");
  }, 150_000);

  it("`npm run db:seed -- --demo` adds the demo accounts and reports", async () => {
    const url = await freshDatabase();
    const run = await runScript("db/seed/run.ts", ["--demo"], { DATABASE_URL: url }, 120_000);
    expect(run.code, run.stderr).toBe(0);
    expect(await count(url, "users")).toBe(6);
    // 300 complaints, and the 4 request types' requests, each type in the 8 states.
    expect(await count(url, "reports")).toBe(332);
    expect(await count(url, "reports where form_category_id is not null")).toBe(32);
    expect(await count(url, "category_forms")).toBe(4);
  }, 150_000);

  it("`npm start` against it is production: without AUTH_SECRET and APP_URL it stops at once, before building, naming them", async () => {
    const url = await freshDatabase();
    // A build folder that does not exist: a start that checked its keys after the build would be building.
    const run = await runScript("scripts/start.ts", [], { DATABASE_URL: url, NEXT_DIST_DIR: `.next-never-${randomBytes(4).toString("hex")}` }, 60_000);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("e-reclamations cannot start in production: set AUTH_SECRET");
    expect(run.stderr).toContain("APP_URL");
    expect(run.stdout).not.toContain("building");
    expect(run.ms).toBeLessThan(30_000);
    // Nothing was seeded either.
    expect(await count(url, "pg_tables where schemaname = 'public'")).toBe(0);
  }, 90_000);

  it("`npm start` refuses an unreadable TRUSTED_PROXIES the same way", async () => {
    const url = await freshDatabase();
    const run = await runScript(
      "scripts/start.ts",
      [],
      {
        DATABASE_URL: url,
        AUTH_SECRET: "x".repeat(32),
        APP_URL: "https://city.example",
        TRUSTED_PROXIES: "the load balancer",
        NEXT_DIST_DIR: `.next-never-${randomBytes(4).toString("hex")}`,
      },
      60_000,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("TRUSTED_PROXIES");
    expect(run.stdout).not.toContain("building");
  }, 90_000);
});
