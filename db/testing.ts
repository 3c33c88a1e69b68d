/**
 * Databases for tests. By default an in-memory PGlite, migrated. With TEST_DB=pg and
 * TEST_DATABASE_URL set, a throw-away database created on that PostgreSQL server, migrated, and
 * dropped on close — so the same integration tests prove both drivers.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, useDatabase, type DatabaseHandle } from "./index";

export function testDriver(): "pglite" | "pg" {
  return process.env.TEST_DB === "pg" && process.env.TEST_DATABASE_URL ? "pg" : "pglite";
}

export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (testDriver() === "pglite") {
    const handle = await openDatabase({});
    await handle.migrate();
    return handle;
  }
  const serverUrl = new URL(process.env.TEST_DATABASE_URL!);
  const name = `erec_test_${randomBytes(6).toString("hex")}`;
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new Client({ connectionString: serverUrl.toString() });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** The connection URL of a test database on TEST_DATABASE_URL's server (for a child process or a second client). */
export async function databaseUrlOf(handle: DatabaseHandle): Promise<{ name: string; url: string }> {
  const [{ name }] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Opens a test database and makes it the one the DAL uses. */
export async function installTestDatabase(): Promise<DatabaseHandle> {
  const handle = await openTestDatabase();
  useDatabase(handle);
  return handle;
}
