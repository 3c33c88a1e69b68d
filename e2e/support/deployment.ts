/**
 * The real deployment path for the journeys that need it: a new PostgreSQL database on
 * TEST_DATABASE_URL's server, seeded by `npm run db:seed`, served by `npm run serve`
 * (scripts/serve.ts) from the journeys' build (.next-e2e) as production, and queue workers
 * (`npm run worker`). Each `Deployment` cleans up what it started.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";

export const serverUrl = process.env.TEST_DATABASE_URL;

export async function sql<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

export type Deployment = {
  databaseUrl: string;
  /** `npm run serve` on `port`, as production (no APP_MODE), waited for until it answers; resolves its base URL. */
  serve: (port: number, extra?: Record<string, string>) => Promise<string>;
  /** `npm run worker`, waited for until it works the queue. */
  worker: (extra?: Record<string, string>) => Promise<ChildProcess>;
  close: () => Promise<void>;
};

/** Creates and seeds a database named after `tag` (reference data only, as a city's first start). */
export async function deploy(tag: string): Promise<Deployment> {
  const name = `erec_${tag}_e2e_${randomBytes(5).toString("hex")}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `erec-${tag}-`));
  const children: ChildProcess[] = [];
  await sql(serverUrl!, `create database ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const seedEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete seedEnv.APP_MODE;
  delete (seedEnv as Record<string, string | undefined>).NODE_ENV;
  const seed = spawnSync(process.execPath, ["--import", "tsx", path.resolve("db/seed/run.ts")], { env: seedEnv, encoding: "utf8" });
  if (seed.status !== 0) throw new Error(`db:seed failed: ${seed.stderr}`);

  const envFor = (extra: Record<string, string>): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      NEXT_DIST_DIR: ".next-e2e",
      DATA_DIR: dataDir,
      RESEND_API_KEY: "",
      UPLOADTHING_TOKEN: "",
      LOG_LEVEL: "warn",
      ...extra,
    };
    for (const key of ["APP_MODE", "RATE_LIMIT_SCALE", "NODE_ENV", "TRUSTED_PROXIES"])
      if (!(key in extra)) delete (env as Record<string, string | undefined>)[key];
    return env;
  };
  const start = (script: string, env: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve(script)], { env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    const output = { text: "" };
    child.stdout!.on("data", (d: Buffer) => (output.text = (output.text + d).slice(-20_000)));
    child.stderr!.on("data", (d: Buffer) => (output.text = (output.text + d).slice(-20_000)));
    return { child, output };
  };

  return {
    databaseUrl,
    async serve(port, extra = {}) {
      const { child, output } = start("scripts/serve.ts", envFor({ APP_URL: `http://localhost:${port}`, PORT: String(port), ...extra }));
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 120; i++) {
        if (child.exitCode !== null) throw new Error(`npm run serve exited: ${output.text}`);
        const up = await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) return base;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`npm run serve did not answer: ${output.text}`);
    },
    async worker(extra = {}) {
      const { child, output } = start("scripts/worker.ts", envFor({ APP_URL: "http://localhost", ...extra }));
      for (let i = 0; i < 120 && !output.text.includes("[worker] working the queue"); i++) {
        if (child.exitCode !== null) throw new Error(`npm run worker exited: ${output.text}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      if (!output.text.includes("[worker] working the queue")) throw new Error(`npm run worker did not start: ${output.text}`);
      return child;
    },
    async close() {
      for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((r) => child.once("exit", r)))));
      await sql(serverUrl!, `drop database if exists ${name} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
