/**
 * The tick at a city's scale and under concurrency (TEST_DB=pg; skipped on PGlite, where 70,000
 * reports take minutes to write and one connection runs one transaction at a time). PostgreSQL takes at most 65,535 parameters per statement:
 * an event per quiet answer written as one parameter list stopped every later tick at this step.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DatabaseHandle } from "@/db";
import { categories, reports, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase, testDriver } from "@/db/testing";
import type { ReportInput } from "@/lib/domain/report-input";
import { routeReports } from "./report-workflow";
import { submitReport } from "./reports";
import { loadViewer } from "./staff-auth";
import { runTick } from "./tick";

const onPostgres = testDriver() !== "pglite";
const BACKLOG = 70_000;
let handle: DatabaseHandle;

beforeAll(async () => {
  if (!onPostgres) return;
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe.skipIf(!onPostgres)("the tick at a city's scale", () => {
  it(`closes ${BACKLOG.toLocaleString("en")} quiet answers in one run, each with its event`, async () => {
    const [cat] = await handle.db.select().from(categories).where(eq(categories.code, "nid-de-poule"));
    const { trackingNumber } = await submitReport(
      {
        categoryIds: [cat.id],
        lat: 35.5722,
        lng: -5.3686,
        address: undefined,
        description: "Un nid-de-poule profond au milieu de la chaussée depuis des semaines.",
        anonymous: true,
        name: "",
        email: "",
        attachmentTokens: [],
        idempotencyKey: "tick-scale-template-0000",
        website: "",
      } as ReportInput,
      { locale: "fr", now: new Date("2026-01-05T08:00:00Z") },
    );
    const [template] = await handle.db.select({ id: reports.id }).from(reports).where(eq(reports.trackingNumber, trackingNumber));
    // Copies of one report, answered long ago and never rated.
    await handle.db.execute(sql`
      insert into reports overriding system value
      select (jsonb_populate_record(null::reports, to_jsonb(r) || jsonb_build_object(
        'id', gen_random_uuid(), 'tracking_number', 'SCALE-' || g, 'idempotency_key', 'scale-' || g, 'public_number', 10000000 + g,
        'status', 'answered', 'outcome', 'rejected', 'answer', 'Réponse.', 'answered_at', timestamptz '2026-02-01T08:00:00Z'))).*
      from reports r, generate_series(1, ${BACKLOG}) g where r.id = ${template.id}`);

    const result = await runTick(new Date("2026-06-01T08:00:00Z"));

    expect(result.closed).toBe(BACKLOG);
    const [counts] = rowsOf<{ closed: number; events: number }>(
      await handle.db.execute(sql`
        select (select count(*)::int from reports where status = 'closed' and tracking_number like 'SCALE-%') as closed,
          (select count(*)::int from report_events e join reports r on r.id = e.report_id
            where e.type = 'close' and e.from_status = 'answered' and e.to_status = 'closed' and e.data->>'reason' = 'no_feedback' and r.tracking_number like 'SCALE-%') as events`),
    );
    expect(counts).toEqual({ closed: BACKLOG, events: BACKLOG });
    // A second run finds nothing more to close.
    expect((await runTick(new Date("2026-06-01T09:00:00Z"))).closed).toBe(0);
  }, 300_000);

  it("acts once when two ticks run at once (two instances, or a cron and a person)", async () => {
    const [cat] = await handle.db.select().from(categories).where(eq(categories.code, "depot-sauvage"));
    const [coordinator] = await handle.db.select().from(users).where(eq(users.role, "coordinator"));
    const viewer = await loadViewer(coordinator.id);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { trackingNumber } = await submitReport(
        {
          categoryIds: [cat.id],
          lat: 35.5722,
          lng: -5.3686,
          address: undefined,
          description: "Des sacs d'ordures abandonnés au coin de la rue depuis des semaines.",
          anonymous: true,
          name: "",
          email: "",
          attachmentTokens: [],
          idempotencyKey: `tick-twice-${String(i).padStart(4, "0")}-key`,
          website: "",
        } as ReportInput,
        { locale: "fr", now: new Date("2026-03-02T08:00:00Z") },
      );
      const [r] = await handle.db.select({ id: reports.id }).from(reports).where(eq(reports.trackingNumber, trackingNumber));
      ids.push(r.id);
    }
    await routeReports(viewer, { reportIds: ids, serviceId: cat.serviceId, note: "" }, new Date("2026-03-02T09:00:00Z"));
    // 15 calendar days, no silence rule: 12 days later a reminder is due, 20 days later an escalation.
    for (const at of ["2026-03-14T08:00:00Z", "2026-03-22T08:00:00Z"]) {
      const [a, b] = await Promise.all([runTick(new Date(at)), runTick(new Date(at))]);
      expect(a.reminders + b.reminders + a.escalations + b.escalations).toBe(ids.length);
    }
    const [counts] = rowsOf<{ reminders: number; escalations: number }>(
      await handle.db.execute(sql`
        select count(*) filter (where type = 'remind')::int as reminders, count(*) filter (where type = 'escalate_response')::int as escalations
        from report_events where report_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`),
    );
    expect(counts).toEqual({ reminders: ids.length, escalations: ids.length });
  }, 120_000);
});
