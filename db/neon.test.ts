/**
 * The Neon path is the one taken (TEST_DB=neon; skipped on the other drivers): the test database is
 * opened by @neondatabase/serverless, its connections go over WebSockets through the relay to the
 * PostgreSQL server, and the relay ends each side of a connection when the other one ends.
 */
import { createRequire } from "node:module";
import { Client } from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, getDatabase, openDatabase, rowsOf } from "./index";
import { databaseUrlOf, installTestDatabase, testDriver, testNeonRelay } from "./testing";

const onNeon = testDriver() === "neon";
let handle: DatabaseHandle | undefined;

beforeAll(async () => {
  if (onNeon) handle = await installTestDatabase();
});

afterAll(async () => {
  await handle?.close();
});

/** A count asked of the server directly (not through the relay), `$1` being database `name`. */
async function onServer(name: string, query: string, values: unknown[] = []): Promise<number> {
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    return (await admin.query(query, [name, ...values])).rows[0].n;
  } finally {
    await admin.end();
  }
}

describe.runIf(onNeon)("the Neon driver through the WebSocket relay", () => {
  it("is the driver the DAL gets, and answers queries", async () => {
    const database = await getDatabase();
    expect(database.kind).toBe("neon");
    expect(process.env.NEON_WS_PROXY).toMatch(/^127\.0\.0\.1:\d+$/);
    const [row] = rowsOf<{ answer: number; applied: number }>(
      await database.db.execute(sql`select 6 * ${7} as answer, (select count(*)::int from drizzle.__drizzle_migrations) as applied`),
    );
    expect(row.answer).toBe(42);
    expect(row.applied).toBeGreaterThan(0);
    expect((await database.executeSql("select $1::text || 'on' as word", ["ne"])).rows).toEqual([{ word: "neon" }]);
  });

  it("goes through the relay: the relay counted connections, and the server sees the Neon driver on every backend", async () => {
    const relay = await testNeonRelay();
    expect(relay?.connections).toBeGreaterThan(0);
    const name = (await databaseUrlOf(handle!)).name;
    expect(await onServer(name, "select count(*)::int as n from pg_stat_activity where datname = $1")).toBeGreaterThan(0);
    // The Neon driver names itself (pkg:npm/%40neondatabase/serverless@…) on every connection it opens.
    expect(
      await onServer(name, "select count(*)::int as n from pg_stat_activity where datname = $1 and application_name not like '%neondatabase%serverless%'"),
    ).toBe(0);
  });

  it("a connection the server ends is closed through the relay, and the pool carries on with a new one", async () => {
    const relay = (await testNeonRelay())!;
    const { name } = await databaseUrlOf(handle!);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.host = "relay.neon.tech";
    url.pathname = `/${name}`;
    url.searchParams.set("application_name", "neon-cut-test");
    const second = await openDatabase({ url: url.toString() });
    try {
      const before = relay.connections;
      const openBefore = relay.open;
      await Promise.all([1, 2, 3].map((n) => second.executeSql("select pg_sleep(0.1), $1::int as n", [n])));
      expect(relay.connections - before).toBe(3);
      expect(relay.open - openBefore).toBe(3);
      expect(await onServer(name, "select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'neon-cut-test'")).toBe(3);
      await onServer(name, "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and application_name = 'neon-cut-test'");
      await until(() => relay.open === openBefore);
      expect((await second.executeSql("select 1 as one", [])).rows).toEqual([{ one: 1 }]);
    } finally {
      await second.close();
    }
  });

  it("a client that drops its WebSocket without a word is disconnected from the server", async () => {
    // What a frozen serverless instance or a killed process does: no Terminate message, the socket just goes.
    const relay = (await testNeonRelay())!;
    const { name } = await databaseUrlOf(handle!);
    const { WebSocket } = createRequire(import.meta.url)("ws") as {
      WebSocket: new (
        url: string,
      ) => { binaryType: string; on(event: string, listener: (data: Buffer) => void): void; send(data: Buffer): void; terminate(): void };
    };
    const socket = new WebSocket(`ws://127.0.0.1:${relay.port}/v2?address=relay.neon.tech:5432`);
    const user = decodeURIComponent(new URL(process.env.TEST_DATABASE_URL!).username) || "postgres";
    // The server's pid, from its BackendKeyData message (trust authentication, as on the test server).
    const pid = await new Promise<number>((resolve, reject) => {
      let received = Buffer.alloc(0);
      socket.on("error", reject);
      socket.on("open", () => {
        const body = Buffer.from(`user\0${user}\0database\0${name}\0\0`);
        const startup = Buffer.alloc(8);
        startup.writeInt32BE(8 + body.length, 0);
        startup.writeInt32BE(196608, 4);
        socket.send(Buffer.concat([startup, body]));
      });
      socket.on("message", (data) => {
        received = Buffer.concat([received, data]);
        for (let at = 0; at + 5 <= received.length; at += 1 + received.readInt32BE(at + 1)) {
          if (received[at] === 0x4b && at + 9 <= received.length) return resolve(received.readInt32BE(at + 5));
          if (received[at] === 0x45) return reject(new Error(`the server refused the connection: ${received.toString("latin1", at + 5)}`));
        }
      });
    });
    const alive = async () => await onServer(name, "select count(*)::int as n from pg_stat_activity where datname = $1 and pid = $2", [pid]);
    expect(await alive()).toBe(1);
    socket.terminate();
    await until(async () => (await alive()) === 0);
  });
});

/** Polls `done` every 20 ms, for at most 5 s. */
async function until(done: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 250; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect.unreachable("still not done after 5 s");
}
