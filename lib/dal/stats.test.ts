import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { localDateOf } from "@/lib/domain/deadlines";
import { computeMetrics, metricsBy, metricsFromTotals, totalsOf, type Dimension, type ReportFacts } from "@/lib/domain/stats";
import { aggregateTotals, getStatisticsTable, loadReportFacts } from "./stats";

let handle: DatabaseHandle;
const now = new Date("2026-11-20T10:00:00Z");
const period = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") };

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { reports: 300, now, log: () => {} });
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const rows = async (query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

describe("the database's totals equal the rules of lib/domain/stats over the same facts", () => {
  const timeZone = "Africa/Casablanca";
  // A month after the seed's day: many open reports are late by then.
  const judgedAt = new Date("2026-12-20T10:00:00Z");

  beforeAll(async () => {
    // The seed has no feedback nor supports: give some answered reports both, in every group.
    await handle.db.execute(sql`
      insert into feedback (report_id, answered_at, fixed, rating)
      select id, answered_at, (row_number() over (order by id)) % 3 <> 0, 1 + (row_number() over (order by id)) % 5
      from reports where answered_at is not null`);
    await handle.db.execute(sql`
      insert into report_supports (report_id, fingerprint)
      select id, 'fp-' || n from reports, generate_series(1, 2) as n where status in ('routed', 'in_progress')`);
  });
  const keyOf: Record<Dimension | "month" | "all", (f: ReportFacts) => string | null> = {
    service: (f) => String(f.serviceId),
    category: (f) => String(f.categoryId),
    district: (f) => (f.districtId === null ? null : String(f.districtId)),
    channel: (f) => f.channel,
    delegate: (f) => (f.delegateId === null ? null : String(f.delegateId)),
    month: (f) => localDateOf(f.submittedAt, timeZone).slice(0, 7),
    all: () => "all",
  };

  for (const grouping of Object.keys(keyOf) as (keyof typeof keyOf)[]) {
    it(`grouped by ${grouping}`, async () => {
      const facts = await loadReportFacts(period);
      const expected = new Map<string, ReportFacts[]>();
      for (const f of facts) {
        const key = keyOf[grouping](f);
        if (key !== null) expected.set(key, [...(expected.get(key) ?? []), f]);
      }
      const actual = await aggregateTotals(period, grouping, { now: judgedAt, timeZone });
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, group] of expected) {
        expect(metricsFromTotals(actual.get(key)!), `${grouping} ${key}`).toEqual(metricsFromTotals(totalsOf(group, judgedAt)));
      }
      // The seed has something to compare in every part of the figures.
      if (grouping === "all") {
        const all = metricsFromTotals(actual.get("all")!);
        expect(all.lateNow, "late now").toBeGreaterThan(0);
        expect(all.penalties.confirmedCount, "confirmed penalties").toBeGreaterThan(0);
        expect(all.ratings, "ratings").toBeGreaterThan(0);
        expect(all.medianResponseDays).not.toBeNull();
      }
    });
  }
});

describe("statistics equal a direct SQL count on the seed", () => {
  it("per service: received, routed and answered on time, backlog", async () => {
    const facts = await loadReportFacts(period);
    const byService = new Map(metricsBy(facts, "service", now).map((g) => [Number(g.key), g.metrics]));
    const direct = await rows(sql`
      select service_id,
             count(*)::int as received,
             count(*) filter (where routed_at is not null and routed_at <= routing_due_at)::int as routed_on_time,
             count(*) filter (where answered_at is not null)::int as answered,
             count(*) filter (where answered_at is not null and answered_at <= response_due_at)::int as answered_on_time,
             count(*) filter (where status in ('submitted','routed','in_progress','needs_info'))::int as backlog
      from reports where status not in ('duplicate','inadmissible') group by service_id`);
    expect(direct.length).toBeGreaterThanOrEqual(8);
    for (const d of direct) {
      const m = byService.get(Number(d.service_id))!;
      expect({ received: m.received, routedOnTime: m.routedOnTime, answered: m.answered, answeredOnTime: m.answeredOnTime, backlog: m.backlog }).toEqual({
        received: d.received,
        routedOnTime: d.routed_on_time,
        answered: d.answered,
        answeredOnTime: d.answered_on_time,
        backlog: d.backlog,
      });
    }
  });

  it("per delegate: confirmed penalties and their amount", async () => {
    const facts = await loadReportFacts(period);
    const byDelegate = metricsBy(facts, "delegate", now);
    const direct = await rows(sql`
      select p.delegate_id, count(*)::int as confirmed, sum(p.amount_minor)::int as amount
      from penalties p join reports r on r.id = p.report_id
      where p.state = 'confirmed' and r.status not in ('duplicate','inadmissible')
      group by p.delegate_id`);
    expect(direct.length).toBeGreaterThan(0);
    for (const d of direct) {
      const m = byDelegate.find((g) => g.key === String(d.delegate_id))!.metrics;
      expect([m.penalties.confirmedCount, m.penalties.confirmedMinor]).toEqual([d.confirmed, d.amount]);
    }
    const total = computeMetrics(facts, now);
    const [all] = await rows(sql`select count(*)::int as n from reports where status not in ('duplicate','inadmissible')`);
    expect(total.received).toBe(all.n);
  });

  it("is refused to agents and delegates", async () => {
    const viewer = { id: "x", email: "a@b", role: "agent" as const, serviceId: 1, delegateId: null, firstName: null, lastName: null, title: null };
    const options = { ...period, dimension: "service" as const };
    await expect(getStatisticsTable(viewer, options, "fr")).rejects.toMatchObject({ code: "forbidden:stats" });
    await expect(getStatisticsTable({ ...viewer, role: "delegate", serviceId: null, delegateId: 1 }, options, "fr")).rejects.toMatchObject({ code: "forbidden:stats" });
    await expect(getStatisticsTable(null, options, "fr")).rejects.toMatchObject({ code: "forbidden:unauthenticated" });
  });
});
