/**
 * Databases for tests. By default an in-memory PGlite, migrated. With TEST_DATABASE_URL set,
 * a throw-away database created on that PostgreSQL server, migrated, and dropped on close, opened
 * - with TEST_DB=pg, by the `pg` driver, directly;
 * - with TEST_DB=neon, by the `@neondatabase/serverless` driver, through a WebSocket→TCP relay
 *   (lib/testing/neon-relay.ts) started once per process: its URL's host ends in .neon.tech, so
 *   db/index.ts takes its Neon branch, and NEON_WS_PROXY points that branch at the relay
 * — so the same integration tests prove the three drivers.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { type NeonRelay, startNeonRelay } from "@/lib/testing/neon-relay";
import { type DatabaseHandle, openDatabase, rowsOf, useDatabase } from "./index";

export type TestDriver = "pglite" | "pg" | "neon";

/**
 * The driver the tests run on. "pg" and "neon" are both a real PostgreSQL server, with backends
 * and concurrent connections; tests that need one check `testDriver() !== "pglite"`.
 */
export function testDriver(): TestDriver {
  if (!process.env.TEST_DATABASE_URL) return "pglite";
  if (process.env.TEST_DB === "pg") return "pg";
  if (process.env.TEST_DB === "neon") return "neon";
  return "pglite";
}

export async function openTestDatabase(): Promise<DatabaseHandle> {
  const driver = testDriver();
  if (driver === "pglite") {
    const handle = await openDatabase({});
    await handle.migrate();
    return handle;
  }
  return openThrowAwayDatabase(driver === "neon" ? neonUrlFor : serverUrlFor);
}

/** The URL of database `name` on TEST_DATABASE_URL's server. */
function serverUrlFor(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates a database on TEST_DATABASE_URL's server, opens it at the URL `urlFor` gives for its
 * name, migrates it, and drops it on close (or when it cannot be opened and migrated).
 */
async function openThrowAwayDatabase(urlFor: (name: string) => string | Promise<string>): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `erec_test_${randomBytes(6).toString("hex")}`;
  const { Client } = await import("pg");
  const onServer = async (statement: string) => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  const drop = () => onServer(`drop database if exists ${name} with (force)`);
  await onServer(`create database ${name}`);
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase({ url: await urlFor(name) });
    await handle.migrate();
  } catch (error) {
    await handle?.close().catch(() => {});
    await drop();
    throw error;
  }
  const opened = handle;
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await drop();
    },
  };
}

type RelayHolder = { relay?: Promise<NeonRelay> };
// On globalThis, like db/index.ts's holder: one relay per process whatever evaluates this module.
const relayHolder = ((globalThis as { __ereclamationsNeonRelay?: RelayHolder }).__ereclamationsNeonRelay ??= {});

/**
 * The process's relay towards TEST_DATABASE_URL's server, started on first use, with NEON_WS_PROXY
 * set to it. Undefined before the first Neon test database is opened.
 */
export function testNeonRelay(): Promise<NeonRelay> | undefined {
  return relayHolder.relay;
}

function neonRelay(): Promise<NeonRelay> {
  relayHolder.relay ??= (async () => {
    const server = new URL(process.env.TEST_DATABASE_URL!);
    const relay = await startNeonRelay({ target: { host: server.hostname || "127.0.0.1", port: Number(server.port || 5432) } });
    process.env.NEON_WS_PROXY = `127.0.0.1:${relay.port}`;
    return relay;
  })().catch((error) => {
    relayHolder.relay = undefined;
    throw error;
  });
  return relayHolder.relay;
}

/**
 * The URL the Neon driver opens database `name` at: TEST_DATABASE_URL's user, password and
 * parameters on a host ending in .neon.tech, which only names the driver — the relay takes every
 * connection to TEST_DATABASE_URL's server.
 */
async function neonUrlFor(name: string): Promise<string> {
  await neonRelay();
  const url = new URL(serverUrlFor(name));
  url.host = "relay.neon.tech";
  return url.toString();
}

/**
 * The direct connection URL of a test database on TEST_DATABASE_URL's server (for a child process
 * or a second client), whichever driver the tests run on.
 */
export async function databaseUrlOf(handle: DatabaseHandle): Promise<{ name: string; url: string }> {
  const [{ name }] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
  return { name, url: serverUrlFor(name) };
}

/** Opens a test database and makes it the one the DAL uses. */
export async function installTestDatabase(): Promise<DatabaseHandle> {
  const handle = await openTestDatabase();
  useDatabase(handle);
  return handle;
}
