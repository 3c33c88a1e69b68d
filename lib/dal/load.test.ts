/**
 * Load and faults on a real PostgreSQL (TEST_DB=pg; skipped on the embedded PGlite, which has one
 * connection and no backends to cut). Submissions go through POST /api/reports — the real path:
 * validation, rate limits, tracking number, events, acknowledgement — from concurrent clients,
 * each with its own address, as the phones of a city would.
 */
import { Client } from "pg";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/reports/route";
import { rowsOf, type DatabaseHandle } from "@/db";
import { categories, mails, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { databaseUrlOf, installTestDatabase, testDriver } from "@/db/testing";
import { connectionFrom } from "@/lib/auth/address-testing";

const onPostgres = testDriver() !== "pglite";
let handle: DatabaseHandle;
let categoryId: number;
let dbName: string;

beforeAll(async () => {
  if (!onPostgres) return;
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  categoryId = (await handle.db.select().from(categories).where(eq(categories.code, "nid-de-poule")))[0].id;
  dbName = (await databaseUrlOf(handle)).name;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

type Answer = { status: number; trackingNumber?: string; code?: string; text: string };

async function submit(client: number, n: number, key = `load-c${client}-n${n}`): Promise<Answer> {
  const form = new FormData();
  const fields: Record<string, string> = {
    idempotencyKey: key.padEnd(16, "x"),
    categoryIds: String(categoryId),
    lat: (35.56 + (client % 10) * 0.003).toFixed(6),
    lng: (-5.38 + n * 0.0005).toFixed(6),
    description: `Nid-de-poule numéro ${n} signalé par le client ${client}, chaussée dangereuse.`,
    name: `Client ${client}`,
    email: `client${client}.report${n}@example.org`,
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const response = await POST(
    new Request("http://localhost/api/reports", { method: "POST", body: form, headers: connectionFrom(`10.1.${Math.floor(client / 250)}.${client % 250}`) }),
  );
  const text = await response.text();
  const body = JSON.parse(text) as { trackingNumber?: string; code?: string };
  return { status: response.status, trackingNumber: body.trackingNumber, code: body.code, text };
}

/** Runs `clients` workers at once, each submitting `perClient` reports one after the other. */
async function crowd(clients: number, perClient: number, each: (client: number, n: number) => Promise<void>) {
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; n < perClient; n++) await each(client, n);
    }),
  );
}

describe.runIf(onPostgres)("under load, on PostgreSQL", () => {
  it("files 1,000 reports from 50 concurrent clients: 1,000 distinct numbers, all retrievable, none lost, no 5xx", async () => {
    const answers: Answer[] = [];
    await crowd(50, 20, async (client, n) => {
      answers.push(await submit(client, n));
    });
    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.text}`)).toEqual([]);
    const numbers = new Set(answers.map((a) => a.trackingNumber));
    expect(numbers.size).toBe(1000);
    const stored = rowsOf<{ n: number; distinct_numbers: number; with_event: number }>(
      await handle.db.execute(sql`select count(*)::int as n, count(distinct tracking_number)::int as distinct_numbers,
        count(*) filter (where exists (select 1 from report_events e where e.report_id = reports.id and e.type = 'submit'))::int as with_event
        from reports where idempotency_key like 'load-%'`),
    )[0];
    expect(stored).toEqual({ n: 1000, distinct_numbers: 1000, with_event: 1000 });
    const found = await handle.db
      .select({ number: reports.trackingNumber })
      .from(reports)
      .where(sql`${reports.trackingNumber} = any(${`{${[...numbers].join(",")}}`}::text[])`);
    expect(found).toHaveLength(1000);
    // One acknowledgement per report.
    const acks = rowsOf<{ n: number }>(
      await handle.db.execute(
        sql`select count(*)::int as n from mails m join reports r on r.id = m.report_id where r.idempotency_key like 'load-%' and m.template = 'acknowledgement'`,
      ),
    )[0];
    expect(acks.n).toBe(1000);
  }, 300_000);

  it("makes one report of a double click: the same submission sent 20 times at once", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => submit(900, 0, "double-click-key-0001")));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.trackingNumber)).size).toBe(1);
    const rows = await handle.db.select().from(reports).where(eq(reports.idempotencyKey, "double-click-key-0001"));
    expect(rows).toHaveLength(1);
    const sent = await handle.db.select().from(mails).where(eq(mails.reportId, rows[0].id));
    expect(sent).toHaveLength(1);
  }, 60_000);

  it("survives its database connections being cut mid-load: every acknowledged report is stored once, the app recovers by itself, the others are told to try again", async () => {
    const acknowledged = new Map<string, string>(); // idempotency key → tracking number
    const refusals: Answer[] = [];
    let cut = false;
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const terminate = async () => {
      const { rows } = await admin.query("select pg_terminate_backend(pid) as done from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [
        dbName,
      ]);
      return rows.filter((r: { done: boolean }) => r.done).length;
    };
    let terminated = 0;
    try {
      await crowd(20, 10, async (client, n) => {
        if (client === 0 && n === 3 && !cut) {
          cut = true;
          terminated = await terminate();
        }
        const key = `fault-c${client}-n${n}`.padEnd(16, "x");
        // A phone's queue: the same key again after a failure, until acknowledged.
        for (let attempt = 0; attempt < 6; attempt++) {
          const answer = await submit(1000 + client, n, key);
          if (answer.status === 201) {
            acknowledged.set(key, answer.trackingNumber!);
            return;
          }
          refusals.push(answer);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      });
      // A second cut while idle: the pool drops its dead clients by itself; a phone's queue retrying
      // every 200 ms gets through within a few attempts, with no restart of anything.
      terminated += await terminate();
      let after: Answer | undefined;
      for (let attempt = 0; attempt < 10 && after?.status !== 201; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
        after = await submit(2000, 0);
        if (after.status !== 201) refusals.push(after);
      }
      expect(after!.status, after!.text).toBe(201);
    } finally {
      await admin.end();
    }
    expect(terminated).toBeGreaterThan(0);
    // Everyone was eventually acknowledged, each exactly once.
    expect(acknowledged.size).toBe(200);
    const stored = rowsOf<{ key: string; number: string }>(
      await handle.db.execute(sql`select idempotency_key as key, tracking_number as number from reports where idempotency_key like 'fault-%'`),
    );
    expect(stored).toHaveLength(200);
    for (const row of stored) expect(acknowledged.get(row.key)).toBe(row.number);
    // Those caught by the cut got the translated "try again", never a stack trace.
    for (const refusal of refusals) {
      expect(refusal.status).toBe(503);
      expect(refusal.code).toBe("report.errors.server");
      expect(refusal.text).not.toMatch(/terminat|stack|at \w+ \(|postgres/i);
      // …with the reference that finds the failure in the logs.
      expect(JSON.parse(refusal.text).requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  }, 300_000);
});
