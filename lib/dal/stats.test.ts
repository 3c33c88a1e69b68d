import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { computeMetrics, metricsBy } from "@/lib/domain/stats";
import { loadReportFacts, loadStatisticsFacts } from "./stats";

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
    await expect(loadStatisticsFacts(viewer, period)).rejects.toMatchObject({ code: "forbidden:stats" });
    await expect(loadStatisticsFacts(null, period)).rejects.toMatchObject({ code: "forbidden:unauthenticated" });
  });
});
