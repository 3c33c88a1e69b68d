import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { localDateOf } from "@/lib/domain/deadlines";
import {
  computeMetrics,
  metricsBy,
  metricsFromTotals,
  NO_DELEGATE,
  planQuantile,
  quantile,
  quantileFromPlan,
  responseBin,
  TENTH_OF_DAY_MS,
  totalsOf,
  type Dimension,
  type MetricTotals,
  type ReportFacts,
} from "@/lib/domain/stats";
import { parsePeriod } from "@/lib/domain/period";
import { aggregateTotals, aggregateTotalsWithRollup, getStatisticsDashboard, getStatisticsTable, loadReportFacts } from "./stats";
import { refreshStatsCells } from "./stats-cells";

let handle: DatabaseHandle;
const now = new Date("2026-11-20T10:00:00Z");
const period = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") };

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 300, now, log: () => {} });
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
  const keyOf: Record<Dimension | "month" | "service_month" | "all", (f: ReportFacts) => string | null> = {
    service: (f) => String(f.serviceId),
    category: (f) => String(f.categoryId),
    kind: (f) => f.categoryKind ?? null,
    district: (f) => (f.districtId === null ? null : String(f.districtId)),
    channel: (f) => f.channel,
    delegate: (f) => (f.delegateId === null ? NO_DELEGATE : String(f.delegateId)),
    month: (f) => localDateOf(f.submittedAt, timeZone).slice(0, 7),
    service_month: (f) => `${f.serviceId}:${localDateOf(f.submittedAt, timeZone).slice(0, 7)}`,
    all: () => "all",
  };

  const expectSameAsTheRules = (actual: Map<string, MetricTotals>, facts: ReportFacts[], grouping: keyof typeof keyOf) => {
    const expected = new Map<string, ReportFacts[]>();
    for (const f of facts) {
      const key = keyOf[grouping](f);
      if (key !== null) expected.set(key, [...(expected.get(key) ?? []), f]);
    }
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, group] of expected) {
      expect(metricsFromTotals(actual.get(key)!), `${grouping} ${key}`).toEqual(metricsFromTotals(totalsOf(group, judgedAt)));
    }
  };
  const expectEqualToTheRules = async (grouping: keyof typeof keyOf, within = period) => {
    const actual = await aggregateTotals(within, grouping, { now: judgedAt, timeZone });
    expectSameAsTheRules(actual, await loadReportFacts(within), grouping);
    return actual;
  };
  /** The groups and the coarser groups they add up to, from one read: both equal to the rules. */
  const rollups = [
    ["service", "all"],
    ["channel", "all"],
    ["delegate", "all"],
    ["service_month", "service"],
  ] as const;
  const expectRollupEqualToTheRules = async (grouping: (typeof rollups)[number][0], parent: (typeof rollups)[number][1], within = period) => {
    const facts = await loadReportFacts(within);
    const { groups, parents } = await aggregateTotalsWithRollup(within, grouping, { now: judgedAt, timeZone });
    expectSameAsTheRules(groups, facts, grouping);
    expectSameAsTheRules(parents, facts, parent);
  };
  for (const [grouping, parent] of rollups) {
    it(`grouped by ${grouping} and, from the same read, by ${parent}`, async () => {
      await expectRollupEqualToTheRules(grouping, parent);
    });
  }

  for (const grouping of Object.keys(keyOf) as (keyof typeof keyOf)[]) {
    it(`grouped by ${grouping}`, async () => {
      const actual = await expectEqualToTheRules(grouping);
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

  describe("with the months that are over stored (stats_cells)", () => {
    beforeAll(async () => {
      const { computed } = await refreshStatsCells(judgedAt);
      expect(computed).toBeGreaterThan(0);
      expect(await storedCount()).toBeGreaterThan(0);
    });
    const storedCount = async () => Number((await rows(sql`select count(*)::int as n from stats_months`))[0].n);

    for (const grouping of Object.keys(keyOf) as (keyof typeof keyOf)[]) {
      it(`grouped by ${grouping}, over whole months and over a period cut inside months`, async () => {
        await expectEqualToTheRules(grouping);
        await expectEqualToTheRules(grouping, { from: new Date("2026-03-17T09:30:00Z"), to: new Date("2026-10-04T00:00:00Z") });
      });
    }
    for (const [grouping, parent] of rollups) {
      it(`grouped by ${grouping} and by ${parent} from the same read, over whole months and a period cut inside months`, async () => {
        await expectRollupEqualToTheRules(grouping, parent);
        await expectRollupEqualToTheRules(grouping, parent, { from: new Date("2026-03-17T09:30:00Z"), to: new Date("2026-10-04T00:00:00Z") });
      });
    }

    it("filtered by a request type or a family, equal to the rules over that type's or family's reports (summed live beside the stored months)", async () => {
      const facts = await loadReportFacts(period);
      const [typeId] = [...new Set(facts.map((f) => f.categoryId))];
      const cases = [
        { filter: { categoryId: typeId }, keep: (f: ReportFacts) => f.categoryId === typeId },
        { filter: { kind: "complaint" as const }, keep: (f: ReportFacts) => f.categoryKind === "complaint" },
        { filter: { kind: "request" as const }, keep: (f: ReportFacts) => f.categoryKind === "request" },
        { filter: { categoryId: typeId, kind: "request" as const }, keep: (f: ReportFacts) => f.categoryId === typeId && f.categoryKind === "request" },
      ];
      for (const { filter, keep } of cases) {
        for (const grouping of ["service", "all", "month", "kind"] as const) {
          const actual = await aggregateTotals(period, grouping, { now: judgedAt, timeZone, filter });
          expectSameAsTheRules(actual, facts.filter(keep), grouping);
        }
      }
      // The type filter keeps some reports and leaves out others: it is tested on something.
      expect(facts.filter(cases[0].keep).length).toBeGreaterThan(0);
      expect(facts.filter(cases[0].keep).length).toBeLessThan(facts.length);
    });

    it("a report that changes in a stored month is counted live until the tick computes its month again", async () => {
      const [old] = await rows(sql`
        select id from reports where status = 'closed' and submitted_at < ${"2026-10-01T00:00:00Z"}::timestamptz and answered_at is not null
        order by submitted_at limit 1`);
      const before = await storedCount();
      // Reopened and answered again much later: its response time, status and lateness all change.
      await handle.db.execute(sql`update reports set status = 'in_progress', answered_at = null, outcome = null where id = ${old.id}`);
      expect(Number((await rows(sql`select count(*)::int as n from stats_dirty`))[0].n)).toBeGreaterThan(0);
      for (const grouping of ["all", "service", "month"] as const) await expectEqualToTheRules(grouping);
      await handle.db.execute(sql`insert into feedback (report_id, answered_at, fixed, rating) values (${old.id}, now(), false, 1)`);
      await expectEqualToTheRules("district");

      await refreshStatsCells(judgedAt);
      expect(await storedCount()).toBe(before);
      expect(Number((await rows(sql`select count(*)::int as n from stats_dirty`))[0].n)).toBe(0);
      for (const grouping of Object.keys(keyOf) as (keyof typeof keyOf)[]) await expectEqualToTheRules(grouping);
      // Erasing its citizen's contact changes nothing the statistics count: its month stays stored (migration 0017).
      await handle.db.execute(
        sql`update reports set citizen_name = null, citizen_email = null, anonymised_at = now(), updated_at = now() where id = ${old.id}`,
      );
      expect(Number((await rows(sql`select count(*)::int as n from stats_dirty`))[0].n)).toBe(0);
    });
  });
});

describe("quantiles from response bins", () => {
  it("publish the same figure as the quantile of the exact values, asking for the two edge values only when ranks straddle two bins", async () => {
    let seed = 7;
    const seen = { straddling: 0, inOneBin: 0 };
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let run = 0; run < 300; run++) {
      // Clustered values so that ranks fall both inside bins and across their edges.
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
        Math.round(random() * 3 * TENTH_OF_DAY_MS + Math.floor(random() * 4) * TENTH_OF_DAY_MS * 10),
      );
      const bins = new Map<number, number>();
      for (const v of values) bins.set(responseBin(v), (bins.get(responseBin(v)) ?? 0) + 1);
      for (const q of [0.5, 0.9]) {
        let asked = 0;
        const plan = planQuantile(bins, q);
        const edges = () => {
          asked++;
          return plan.kind === "edges"
            ? {
                lowerMax: Math.max(...values.filter((v) => responseBin(v) === plan.lowerBin)),
                upperMin: Math.min(...values.filter((v) => responseBin(v) === plan.upperBin)),
              }
            : undefined;
        };
        const fromBins = quantileFromPlan(plan, plan.kind === "edges" ? edges() : undefined);
        const exact = quantile(values, q)!;
        expect(responseBin(fromBins!), `${values} q=${q}`).toBe(responseBin(exact));
        if (asked === 0) expect(responseBin(exact)).toBe(fromBins! / TENTH_OF_DAY_MS);
        else expect(fromBins).toBe(exact);
        seen[asked === 0 ? "inOneBin" : "straddling"]++;
      }
    }
    expect(seen.straddling).toBeGreaterThan(20);
    expect(seen.inOneBin).toBeGreaterThan(20);
    expect(quantileFromPlan(planQuantile(new Map(), 0.5))).toBeNull();
  });
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

  const office = { id: "x", email: "c@b", role: "mayor_office" as const, serviceId: null, delegateId: null, firstName: null, lastName: null, title: null };

  it("per delegate, the rows add up to the total: the city's own services are a row of their own", async () => {
    const { rows: lines, total } = await getStatisticsTable(office, { ...period, dimension: "delegate" }, "fr", now);
    expect(lines.map((r) => r.key)).toContain(NO_DELEGATE);
    expect(lines.at(-1)!.key).toBe(NO_DELEGATE);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.reduce((sum, r) => sum + r.metrics.received, 0)).toBe(total.received);
    expect(lines.reduce((sum, r) => sum + r.metrics.lateNow, 0)).toBe(total.lateNow);
    const [own] = await rows(sql`
      select count(*)::int as n from reports r join services s on s.id = r.service_id
      where s.delegate_id is null and r.status not in ('duplicate','inadmissible')`);
    expect(lines.find((r) => r.key === NO_DELEGATE)!.metrics.received).toBe(own.n);
  });

  it("the dashboard: headline figures against the previous period, penalties against last month, twelve months of trend", async () => {
    const timeZone = "Africa/Casablanca";
    const current = parsePeriod({ from: "2026-10-01", to: "2026-11-20" }, timeZone, now);
    const dashboard = await getStatisticsDashboard(office, current, now);
    expect(dashboard.previous).toEqual({ fromDay: "2026-08-11", toDay: "2026-09-30" });
    const count = async (from: Date, to: Date) =>
      (
        await rows(sql`select count(*)::int as n from reports where status not in ('duplicate','inadmissible')
          and submitted_at >= ${from.toISOString()}::timestamptz and submitted_at < ${to.toISOString()}::timestamptz`)
      )[0].n;
    const before = parsePeriod({ from: "2026-08-11", to: "2026-09-30" }, timeZone, now);
    expect(dashboard.headline.received.current).toBe(await count(current.from, current.to));
    expect(dashboard.headline.received.previous).toBe(await count(before.from, before.to));
    expect(dashboard.headline.received.current).toBeGreaterThan(0);
    expect(dashboard.headline.answeredOnTimeRate.current).not.toBeNull();
    expect(dashboard.trend.map((m) => m.month)).toEqual([
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    const october = parsePeriod({ from: "2026-10-01", to: "2026-10-31" }, timeZone, now);
    expect(dashboard.trend.find((m) => m.month === "2026-10")!.received).toBe(await count(october.from, october.to));
    const trendFrom = parsePeriod({ from: "2025-12-01", to: "2026-11-20" }, timeZone, now);
    expect(dashboard.trend.reduce((sum, m) => sum + m.received, 0)).toBe(await count(trendFrom.from, trendFrom.to));
    // Penalties proposed in November (city time), cancelled left out, against October.
    const fines = async (from: Date, to: Date) =>
      (
        await rows(sql`select count(*)::int as n from penalties where state <> 'cancelled'
          and proposed_at >= ${from.toISOString()}::timestamptz and proposed_at < ${to.toISOString()}::timestamptz`)
      )[0].n;
    const november = parsePeriod({ from: "2026-11-01", to: "2026-11-30" }, timeZone, now);
    expect(dashboard.penalties.count.current).toBe(await fines(november.from, november.to));
    expect(dashboard.penalties.count.previous).toBe(await fines(october.from, october.to));
    expect(dashboard.penalties.current.month).toBe("2026-11");
    await expect(getStatisticsDashboard({ ...office, role: "agent", serviceId: 1 }, current, now)).rejects.toMatchObject({ code: "forbidden:stats" });
    await expect(getStatisticsDashboard(null, current, now)).rejects.toMatchObject({ code: "forbidden:unauthenticated" });
  });

  it("is refused to agents and delegates", async () => {
    const viewer = { id: "x", email: "a@b", role: "agent" as const, serviceId: 1, delegateId: null, firstName: null, lastName: null, title: null };
    const options = { ...period, dimension: "service" as const };
    await expect(getStatisticsTable(viewer, options, "fr")).rejects.toMatchObject({ code: "forbidden:stats" });
    await expect(getStatisticsTable({ ...viewer, role: "delegate", serviceId: null, delegateId: 1 }, options, "fr")).rejects.toMatchObject({
      code: "forbidden:stats",
    });
    await expect(getStatisticsTable(null, options, "fr")).rejects.toMatchObject({ code: "forbidden:unauthenticated" });
  });
});
