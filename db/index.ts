/**
 * The one database connection. The driver is chosen from DATABASE_URL:
 * - unset → embedded PGlite, file-backed under DATA_DIR/pglite, migrated on first use, guarded by a
 *   lock file because a second process opening the same folder corrupts it;
 * - a Neon URL (host ending in neon.tech) → @neondatabase/serverless, over WebSockets (ws's on
 *   Node 20, which has none). NEON_WS_PROXY=host:port sends them to that WebSocket→TCP relay
 *   instead of Neon's proxy, unencrypted: for local relays and tests only (db/testing.ts), never
 *   in a deployment;
 * - any other postgres:// URL → a `pg` Pool (migrate with `npm run db:migrate`).
 * Only lib/dal, db/seed and scripts import this module.
 */
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { log } from "@/lib/log";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DriverKind = "pglite" | "pg" | "neon";

export type DatabaseHandle = {
  db: Database;
  kind: DriverKind;
  /** Applies the committed migrations (idempotent). */
  migrate: () => Promise<void>;
  /**
   * Runs SQL text as written, outside drizzle: with `values`, one statement with $1… parameters;
   * without, possibly several statements (the result is the last one's). For the job queue
   * (lib/queue), whose SQL is its own.
   */
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
  /**
   * LISTENs on `channel` (lower-case letters and `_`): `onMessage` runs for each NOTIFY, from any
   * process on the database. On a connection of its own, opened again when lost — and `onMessage`
   * then runs once, since what was sent meanwhile never arrives. Resolves to the way to stop.
   */
  listen: (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function driverFor(url: string | undefined): DriverKind {
  if (!url) return "pglite";
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.slice(0, 20)}…").`);
  }
  return /\.neon\.tech([:/]|$)/.test(`${new URL(url).hostname}/`) ? "neon" : "pg";
}

/**
 * Takes the lock beside a PGlite folder, or throws a sentence saying which process holds it.
 * A lock left by a process that no longer runs is taken over.
 */
export function lockPgliteFolder(dataDir: string): () => void {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8"));
      if (holder === process.pid) return () => {};
      if (holder > 0 && isRunning(holder)) {
        throw new Error(
          `The embedded database at ${dataDir} is already open in process ${holder}; ` +
            `two processes on one PGlite folder would corrupt it. Stop that process, ` +
            `or give this one its own folder with DATA_DIR, or use PostgreSQL with DATABASE_URL.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath} on the embedded database.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

type ErrorEmitter = { on(event: "error", listener: (error: Error) => void): unknown };
type PooledClient = ErrorEmitter & { query: (...args: unknown[]) => unknown; release?: (error?: Error) => void };

/**
 * A connection the database drops (restart, failover, `pg_terminate_backend`) must never crash the
 * server. The pool only listens to its idle clients; a client checked out — inside a transaction,
 * between two statements — emits its error to no one, which Node turns into an uncaught exception.
 * Every client gets a listener of its own: the statement in flight fails (the user is asked to try
 * again), the pool drops the dead client on release, and the next request gets a fresh connection.
 *
 * And a transaction whose BEGIN fails (a connection cut while idle in the pool, handed out before
 * the pool heard of it) gives its client back: drizzle's transaction sends BEGIN before its
 * try/finally, so without this the client would stay checked out for ever — one pool slot lost per
 * cut, until the pool is empty and every request waits.
 */
function guardPool(pool: ErrorEmitter & { on(event: "connect", listener: (client: PooledClient) => void): unknown }) {
  pool.on("error", (error) => log().warn({ err: error }, "idle database connection lost"));
  pool.on("connect", (client) => {
    client.on("error", (error) => log().warn({ err: error }, "database connection lost"));
    const query = client.query.bind(client);
    client.query = (...args: unknown[]) => {
      const result = query(...args);
      const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
      if (result instanceof Promise && typeof text === "string" && /^\s*begin\b/i.test(text)) {
        return result.catch((error: Error) => {
          client.release?.(error);
          throw error;
        });
      }
      return result;
    };
  });
}

function channelName(channel: string): string {
  if (!/^[a-z_]{1,60}$/.test(channel)) throw new Error(`listen: "${channel}" is not a channel name (lower-case letters and _)`);
  return channel;
}

type NotifyingClient = {
  connect(): Promise<unknown>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: "notification", listener: (message: { channel: string; payload?: string }) => void): unknown;
  on(event: "error" | "end", listener: (error?: Error) => void): unknown;
};

/**
 * LISTEN for a server database (pg or Neon): each channel on a client of its own, outside the
 * pool, opened again a second after it is lost (a restart, `pg_terminate_backend`).
 */
function listenersOn(makeClient: () => NotifyingClient) {
  const stops = new Set<() => Promise<void>>();
  const listen = async (channel: string, onMessage: (payload: string) => void) => {
    const name = channelName(channel);
    let stopped = false;
    let current: NotifyingClient | null = null;
    let timer: NodeJS.Timeout | undefined;
    const open = async (again: boolean) => {
      if (stopped) return;
      const client = makeClient();
      let lost = false;
      const onLost = (error?: Error) => {
        if (lost) return;
        lost = true;
        if (current === client) current = null;
        client.end().catch(() => {});
        if (stopped) return;
        log().warn({ err: error, channel: name }, "LISTEN connection lost; opening it again");
        timer = setTimeout(() => void open(true), 1000);
      };
      client.on("error", onLost);
      client.on("end", () => onLost());
      client.on("notification", (message) => {
        if (message.channel === name) onMessage(message.payload ?? "");
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${name}`);
        current = client;
        if (again) onMessage("");
      } catch (error) {
        onLost(error as Error);
      }
    };
    await open(false);
    const stop = async () => {
      stopped = true;
      clearTimeout(timer);
      stops.delete(stop);
      await current?.end().catch(() => {});
    };
    stops.add(stop);
    return stop;
  };
  return { listen, stop: () => Promise.all([...stops].map((stop) => stop())).then(() => {}) };
}

/** Opens a database. `url` undefined → PGlite in `dataDir` (or in memory when `dataDir` is undefined). */
export async function openDatabase(options: { url?: string; dataDir?: string }): Promise<DatabaseHandle> {
  const kind = driverFor(options.url);
  if (kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const unlock = options.dataDir ? lockPgliteFolder(options.dataDir) : () => {};
    try {
      // pg_trgm: the staff search's index (migration 0022), shipped with PGlite as with PostgreSQL.
      const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
      const client = new PGlite(options.dataDir ?? "memory://", { extensions: { pg_trgm } });
      await client.waitReady;
      const db = drizzle(client, { schema });
      return {
        db: db as unknown as Database,
        kind,
        migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
        executeSql: async (text, values) => {
          if (values?.length) return client.query(text, values);
          const results = await client.exec(text);
          return results.at(-1) ?? { rows: [] };
        },
        // One process: its own NOTIFY is all there is to hear.
        listen: (channel, onMessage) => client.listen(channelName(channel), (payload) => onMessage(payload ?? "")),
        close: async () => {
          if (!client.closed) await client.close();
          unlock();
        },
      };
    } catch (error) {
      unlock();
      throw error;
    }
  }
  if (kind === "neon") {
    const { Pool, neonConfig } = await import("@neondatabase/serverless");
    const { drizzle } = await import("drizzle-orm/neon-serverless");
    const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
    // Node 20 has no global WebSocket: the driver then takes ws's, whose types are not installed.
    // @ts-expect-error -- ws ships no types of its own; only its WebSocket class is used
    neonConfig.webSocketConstructor = globalThis.WebSocket ?? (await import("ws")).WebSocket;
    const proxy = process.env.NEON_WS_PROXY?.trim();
    if (proxy) {
      // A local relay (lib/testing/neon-relay.ts): plain ws:// on loopback, and the PostgreSQL
      // conversation in its ordinary order (no pipelined password, no TLS inside the tunnel).
      neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      neonConfig.pipelineConnect = false;
    }
    const pool = new Pool({ connectionString: options.url });
    guardPool(pool);
    const db = drizzle(pool, { schema });
    const { Client } = await import("@neondatabase/serverless");
    const listeners = listenersOn(() => new Client({ connectionString: options.url }) as unknown as NotifyingClient);
    return {
      db: db as unknown as Database,
      kind,
      migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      executeSql: (text, values) => pool.query(text, values),
      listen: listeners.listen,
      close: async () => {
        await listeners.stop();
        await pool.end();
      },
    };
  }
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  // No JIT: the app's queries are short, and compiling them took longer than running them (the
  // whole-city map query: 1.3 s with JIT, 0.3 s without, on a million reports on 2 cores).
  const pool = new Pool({ connectionString: options.url, max: Number(process.env.DATABASE_POOL_MAX ?? 10), options: "-c jit=off" });
  guardPool(pool);
  const db = drizzle(pool, { schema });
  const { Client } = await import("pg");
  const listeners = listenersOn(() => new Client({ connectionString: options.url }) as unknown as NotifyingClient);
  return {
    db: db as unknown as Database,
    kind,
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    executeSql: (text, values) => pool.query(text, values),
    listen: listeners.listen,
    close: async () => {
      await listeners.stop();
      await pool.end();
    },
  };
}

type Holder = { handle?: Promise<DatabaseHandle> };
// Kept on globalThis: Next can evaluate this module in several bundles of one process.
const holder = ((globalThis as { __ereclamationsDb?: Holder }).__ereclamationsDb ??= {});

/** The process's database, opened (and for PGlite, migrated) on first use. */
export async function getDatabase(): Promise<DatabaseHandle> {
  holder.handle ??= (async () => {
    const url = process.env.DATABASE_URL?.trim() || undefined;
    const dataDir = path.join(path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR?.trim() || ".data"), "pglite");
    const handle = await openDatabase({ url, dataDir });
    if (handle.kind === "pglite") {
      await handle.migrate();
      closeOnExit(handle);
    }
    return handle;
  })().catch((error) => {
    holder.handle = undefined;
    throw error;
  });
  return holder.handle;
}

/** The rows of a raw `db.execute(sql…)`: every driver answers `{ rows }`, typed by the caller. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The drizzle instance of the process's database. */
export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** Tests install their own database (in-memory PGlite or a throw-away PostgreSQL database). */
export function useDatabase(handle: DatabaseHandle): void {
  holder.handle = Promise.resolve(handle);
}

function closeOnExit(handle: DatabaseHandle) {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    handle.close().finally(() => process.kill(process.pid, signal));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

export { schema };
