import { and, count, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DatabaseHandle } from "@/db";
import { categories, city, delegates, penalties, reportCategories, reportEvents, reports, services, users } from "@/db/schema";
import { openTestDatabase } from "@/db/testing";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import { REPORT_STATUSES } from "@/lib/domain/types";
import { seedDatabase } from "./index";

let handle: DatabaseHandle;
const now = new Date("2026-11-20T10:00:00Z");

beforeAll(async () => {
  handle = await openTestDatabase();
  const result = await seedDatabase(handle.db, { demo: true, reports: 300, now, log: () => {} });
  expect(result.created).toBe(true);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const total = async (table: PgTable, where?: SQL) => (await handle.db.select({ n: count() }).from(table).where(where))[0].n;

describe("seedDatabase", () => {
  it("creates Tétouan with its services, delegates, categories and one account per role", async () => {
    const [c] = await handle.db.select().from(city);
    expect(c).toMatchObject({ timeZone: "Africa/Casablanca", currency: "MAD", trackingPrefix: "TET", holidayCountry: "MA" });
    expect(await total(services)).toBeGreaterThanOrEqual(8);
    expect(await total(categories)).toBeGreaterThanOrEqual(15);
    expect(await total(delegates)).toBe(3);
    expect(await total(services, isNotNull(services.delegateId))).toBe(3);
    expect(await total(categories, eq(categories.isPrivate, true))).toBeGreaterThanOrEqual(1);
    const rules = await handle.db.selectDistinct({ rule: categories.silenceRule }).from(categories);
    expect(rules.map((r) => r.rule).sort()).toEqual(["acceptance", "none", "rejection"]);
    const roles = await handle.db.selectDistinct({ role: users.role }).from(users);
    expect(roles.map((r) => r.role).sort()).toEqual(["admin", "agent", "coordinator", "delegate", "mayor_office"]);
    const hashes = await handle.db.select({ h: users.passwordHash }).from(users);
    expect(hashes.every((u) => u.h?.startsWith("$2"))).toBe(true);
  });

  it("creates 300 reports in every state, inside the city, each with categories and a timeline", async () => {
    const all = await handle.db.select().from(reports);
    expect(all).toHaveLength(300);
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(REPORT_STATUSES));
    expect(new Set(all.map((r) => r.trackingNumber)).size).toBe(300);
    for (const r of all) {
      expect(parseTrackingNumber(r.trackingNumber, "TET").ok).toBe(true);
      expect(r.lat).toBeGreaterThanOrEqual(35.53);
      expect(r.lat).toBeLessThanOrEqual(35.63);
      expect(r.lng).toBeGreaterThanOrEqual(-5.43);
      expect(r.lng).toBeLessThanOrEqual(-5.3);
      expect(r.submittedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      if (r.status === "answered" || r.status === "closed") expect(r.outcome).not.toBeNull();
      if (r.status === "duplicate") expect(r.duplicateOfId).not.toBeNull();
      if (r.isAnonymous) expect([r.citizenName, r.citizenEmail, r.citizenPhone]).toEqual([null, null, null]);
    }
    const perReport = await handle.db
      .select({
        id: reports.id,
        cats: sql<number>`(select count(*)::int from ${reportCategories} rc where rc.report_id = "reports"."id")`,
        events: sql<number>`(select count(*)::int from ${reportEvents} e where e.report_id = "reports"."id")`,
      })
      .from(reports);
    for (const r of perReport) {
      expect(r.cats).toBeGreaterThanOrEqual(1);
      expect(r.cats).toBeLessThanOrEqual(2);
      expect(r.events).toBeGreaterThanOrEqual(1);
    }
    // The timeline ends in the report's status.
    const mismatched = await handle.db.execute(sql`
      select r.id from ${reports} r
      where r.status <> (select e.to_status from ${reportEvents} e where e.report_id = r.id order by e.at desc, e.id desc limit 1)`);
    expect((mismatched as unknown as { rows: unknown[] }).rows).toHaveLength(0);
  });

  it("names who decided every decided penalty: the mayor's office", async () => {
    const decided = await handle.db
      .select({ state: penalties.state, role: users.role, firstName: users.firstName })
      .from(penalties)
      .leftJoin(users, eq(users.id, penalties.decidedByUserId))
      .where(isNotNull(penalties.decidedAt));
    expect(decided.length).toBeGreaterThan(0);
    for (const p of decided) expect(p).toMatchObject({ role: "mayor_office", firstName: expect.stringMatching(/\S/) });
    expect(await total(penalties, and(sql`${penalties.decidedAt} is null`, isNotNull(penalties.decidedByUserId)))).toBe(0);
  });

  it("is idempotent", async () => {
    const before = await total(reports);
    expect(await seedDatabase(handle.db, { demo: true, log: () => {} })).toEqual({ created: false, counts: {} });
    expect(await total(reports)).toBe(before);
    expect(await total(users, and(eq(users.role, "coordinator")))).toBe(1);
  });

  it("outside the demo seeds the reference data only: no account, no report", async () => {
    const fresh = await openTestDatabase();
    try {
      const result = await seedDatabase(fresh.db, { demo: false, reports: 50, log: () => {} });
      expect(result.counts).toMatchObject({ users: 0, reports: 0 });
      expect(await fresh.db.select().from(city)).toHaveLength(1);
      expect(await fresh.db.select().from(users)).toHaveLength(0);
      expect(await fresh.db.select().from(reports)).toHaveLength(0);
      expect((await fresh.db.select().from(categories)).length).toBeGreaterThanOrEqual(15);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
