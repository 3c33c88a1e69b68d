/** The guarded insert written from the schema's columns, and reads run together, on the driver under test. */
import { eq, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf, type DatabaseHandle } from "./index";
import { reportEvents, reports, services } from "./schema";
import { seedDatabase } from "./seed";
import { executePrepared, insertRowWhere, preparedName, readAll } from "./sql";
import { installTestDatabase } from "./testing";
import { DAY_MS } from "@/lib/domain/time";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0 });
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

describe("insertRowWhere", () => {
  it("writes every kind of value as its column stores it, and nothing when the condition is false", async () => {
    const [service] = await handle.db.select({ id: services.id }).from(services).limit(1);
    const at = new Date("2026-11-23T10:15:30.123Z");
    const row = {
      trackingNumber: "TET-TEST-SQL1",
      channel: "phone" as const,
      description: `Il a dit « c'est l'égout » ; "guillemets" \\ et عربي`,
      lat: 35.578512345,
      lng: -5.368401,
      address: null,
      serviceId: service.id,
      isAnonymous: false,
      citizenName: "Ana O'Neil",
      locale: "ar",
      submittedAt: at,
      routingDueAt: new Date(at.getTime() + 48 * 3_600_000),
      responseDueAt: new Date(at.getTime() + 15 * DAY_MS),
    };
    const run = async (condition: boolean) =>
      rowsOf<{ id: string }>(await handle.db.execute(sql`${insertRowWhere(reports, row, condition ? sql`true` : sql`false`)} returning id`));

    expect(await run(false)).toEqual([]);
    const [{ id }] = await run(true);
    const [stored] = await handle.db.select().from(reports).where(eq(reports.id, id));
    expect(stored).toMatchObject({ ...row, status: "submitted", districtId: null });

    const data = { channel: "phone", note: "une « note »", nested: [1, { ok: true }] };
    const [event] = rowsOf<{ id: number }>(
      await handle.db.execute(
        sql`${insertRowWhere(reportEvents, { reportId: id, type: "submit", actorRole: "citizen", toStatus: "submitted", at, data }, sql`true`)} returning id`,
      ),
    );
    const [storedEvent] = await handle.db
      .select()
      .from(reportEvents)
      .where(eq(reportEvents.id, Number(event.id)));
    expect(storedEvent).toMatchObject({ reportId: id, at, toStatus: "submitted", data });
    // Stored as a JSON object (not a string holding JSON), so that SQL can read inside it.
    const [inside] = rowsOf<{ kind: string; note: string }>(
      await handle.db.execute(sql`select jsonb_typeof(data) as kind, data->>'note' as note from report_events where id = ${event.id}`),
    );
    expect(inside).toEqual({ kind: "object", note: "une « note »" });
  });
});

describe("readAll", () => {
  /** Three reads that note how many of them were waiting on the database at once. */
  const overlapping = (run: (q: ReturnType<typeof sql>) => Promise<unknown>) => {
    let busy = 0;
    let most = 0;
    const read = (n: number) => async () => {
      busy++;
      most = Math.max(most, busy);
      const [row] = rowsOf<{ n: number }>(await run(sql`select ${n}::int as n from pg_sleep(0.02)`));
      busy--;
      return row.n;
    };
    return { reads: [read(1), read(2), read(3)] as const, most: () => most };
  };

  it("sends the reads together outside a transaction, in order", async () => {
    const probe = overlapping((q) => handle.db.execute(q));
    expect(await readAll(handle.db, probe.reads)).toEqual([1, 2, 3]);
    expect(probe.most()).toBe(3);
  });

  it("sends them one at a time on a transaction's connection (pg@9 refuses a query on a busy client)", async () => {
    const results = await handle.db.transaction(async (tx) => {
      const probe = overlapping((q) => tx.execute(q));
      const values = await readAll(tx, probe.reads);
      return { values, most: probe.most() };
    });
    expect(results).toEqual({ values: [1, 2, 3], most: 1 });
  });
});

describe("executePrepared", () => {
  const first = (n: number) => sql`select ${n}::int as n, 'premier' as which`;
  const second = (n: number) => sql`select ${n}::int as n, 'second' as which`;

  it("answers as db.execute does, each text under its own name, again and again on one connection", async () => {
    const seen = await handle.db.transaction(async (tx) => {
      const db = tx as unknown as typeof handle.db;
      const rows: unknown[] = [];
      // Two texts and their repeats on the transaction's one connection: a name stands for one
      // text only (node-postgres refuses a name given to another text).
      for (const n of [1, 2, 3]) {
        rows.push(...rowsOf(await executePrepared(db, first(n))));
        rows.push(...rowsOf(await executePrepared(db, second(n * 10))));
      }
      const prepared = rowsOf<{ name: string }>(await tx.execute(sql`select name from pg_prepared_statements order by name`)).map((r) => r.name);
      return { rows, prepared };
    });
    expect(seen.rows).toEqual([
      { n: 1, which: "premier" },
      { n: 10, which: "second" },
      { n: 2, which: "premier" },
      { n: 20, which: "second" },
      { n: 3, which: "premier" },
      { n: 30, which: "second" },
    ]);
    expect(preparedName("select 1")).not.toBe(preparedName("select 2"));
    // PostgreSQL (direct or through Neon's driver) keeps them prepared on the connection;
    // PGlite, in process, has no protocol to name them in and runs them as any statement.
    const names = [first(0), second(0)].map((q) => preparedName(new PgDialect().sqlToQuery(q).sql));
    if (handle.kind === "pglite") expect(seen.prepared).not.toContain(names[0]);
    else expect(seen.prepared).toEqual(expect.arrayContaining(names));
  });

  it("runs them unnamed where DATABASE_PREPARED_STATEMENTS is off (a pooler that does not follow them)", async () => {
    vi.stubEnv("DATABASE_PREPARED_STATEMENTS", "off");
    try {
      const prepared = await handle.db.transaction(async (tx) => {
        const db = tx as unknown as typeof handle.db;
        expect(rowsOf(await executePrepared(db, sql`select ${5}::int as n, 'sans nom' as which`))).toEqual([{ n: 5, which: "sans nom" }]);
        return rowsOf<{ statement: string }>(await tx.execute(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);
      });
      expect(prepared.some((text) => text.includes("sans nom"))).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("reports a failing statement's error and leaves the name usable", async () => {
    const failing = sql`select 1 / ${0}::int as n`;
    // As db.execute's: drizzle's error, with the database's own as its cause.
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/division by zero/) }) };
    await expect(executePrepared(handle.db, failing)).rejects.toMatchObject(refused);
    await expect(executePrepared(handle.db, failing)).rejects.toMatchObject(refused);
    expect(rowsOf(await executePrepared(handle.db, first(7)))).toEqual([{ n: 7, which: "premier" }]);
  });
});
