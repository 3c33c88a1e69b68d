/**
 * The staff triage map at a city's scale (issue 21, point 2): per viewport, the list the map shows
 * (listReportsForStaff, sorted for triage, at most 2,000) and its exact count (countReportsForStaff),
 * for a few filter combinations, on the database in use. Median of 5 after one warm-up run. Called by
 * bench/run.ts; `npx tsx bench/triage.ts` alone measures the database DATABASE_URL names.
 */
import { sql } from "drizzle-orm";
import { getDatabase, getDb, rowsOf } from "@/db";
import type { Viewer } from "@/lib/auth/permissions";
import type { Bounds } from "@/lib/domain/geo";
import { DAY_MS } from "@/lib/domain/time";
import { OPEN_STATUSES } from "@/lib/domain/workflow";
import { countReportsForStaff, listReportsForStaff, type StaffFilters } from "@/lib/dal/staff-reports";

export const TRIAGE_TARGET_MS = 150;

const COORDINATOR = {
  id: "00000000-0000-0000-0000-000000000000",
  email: "bench@example.org",
  role: "coordinator",
  serviceId: null,
  delegateId: null,
  firstName: null,
  lastName: null,
} as unknown as Viewer;

const CITY: Bounds = { minLng: -5.43, minLat: 35.53, maxLng: -5.3, maxLat: 35.63 };
const DISTRICT: Bounds = { minLng: -5.385, minLat: 35.565, maxLng: -5.355, maxLat: 35.59 };

export type TriageFigure = { name: string; ms: number; count: number; listed: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One viewport as the triage screen asks it: the list and its exact count, side by side on the pool. */
async function viewport(filters: StaffFilters, now: Date) {
  const [list, count] = await Promise.all([
    listReportsForStaff(COORDINATOR, { ...filters, sort: "triage", limit: 2000 }, "fr", now),
    countReportsForStaff(COORDINATOR, filters, now),
  ]);
  return { listed: list.length, count };
}

/** The filter combinations measured: the screen's default, each filter alone, and a few together. */
export async function triageCombinations(now = new Date()): Promise<{ name: string; filters: StaffFilters }[]> {
  const db = await getDb();
  const [busy] = rowsOf<{ serviceId: number; categoryId: number; districtId: number }>(
    await db.execute(sql`
      select r.service_id as "serviceId", rc.category_id as "categoryId", r.district_id as "districtId"
      from reports r join report_categories rc on rc.report_id = r.id and rc.position = 0
      where r.status = 'routed' and r.district_id is not null
      group by 1, 2, 3 order by count(*) desc limit 1`),
  );
  const open = [...OPEN_STATUSES];
  const month = { from: new Date(now.getTime() - 30 * DAY_MS), to: now };
  return [
    { name: "open, whole city (the default)", filters: { statuses: open, bbox: CITY } },
    { name: "open, one district's viewport", filters: { statuses: open, bbox: DISTRICT } },
    { name: "open + service", filters: { statuses: open, serviceId: busy?.serviceId, bbox: CITY } },
    { name: "open + category", filters: { statuses: open, categoryId: busy?.categoryId, bbox: CITY } },
    { name: "open + district", filters: { statuses: open, districtId: busy?.districtId, bbox: CITY } },
    { name: "late only", filters: { statuses: open, lateOnly: true, bbox: CITY } },
    { name: "every status, last 30 days", filters: { ...month, bbox: CITY } },
    { name: "every status, whole history", filters: { bbox: CITY } },
    { name: "closed, one district's viewport", filters: { statuses: ["closed"], bbox: DISTRICT } },
    { name: "text 'chaussée', every status", filters: { q: "chaussée", bbox: CITY } },
    { name: "text, open + service + dates", filters: { statuses: open, serviceId: busy?.serviceId, q: "voie", ...month, bbox: CITY } },
  ];
}

export async function benchTriage(runs = 5): Promise<TriageFigure[]> {
  const now = new Date();
  const figures: TriageFigure[] = [];
  for (const { name, filters } of await triageCombinations(now)) {
    const { listed, count } = await viewport(filters, now);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await viewport(filters, now);
      times.push(performance.now() - started);
    }
    figures.push({ name, ms: median(times), count, listed });
  }
  return figures;
}

/** The bench table's lines: each combination's viewport against the target. */
export function triageRecords(figures: TriageFigure[]): { measure: string; value: string; target: string; ok: boolean }[] {
  return figures.map((f) => ({
    measure: `triage viewport: ${f.name}`,
    value: `${f.ms.toFixed(0)} ms (${f.count.toLocaleString("en-US")} reports, ${f.listed} listed)`,
    target: `≤ ${TRIAGE_TARGET_MS} ms`,
    ok: f.ms <= TRIAGE_TARGET_MS,
  }));
}

if (process.argv[1]?.endsWith("triage.ts")) {
  const handle = await getDatabase();
  for (const f of await benchTriage()) console.log(`[triage] ${f.name}: ${f.ms.toFixed(0)} ms (${f.count} reports, ${f.listed} listed)`);
  await handle.close();
}
