/**
 * Personal data never reaches the public. The seeded city (300 reports by named citizens) is read
 * through everything the public can reach — every report's tracking page data and files list, the
 * map's data at every zoom, the "nearby" reports, the published results, every Open311 output in
 * JSON and XML — and none of it may contain a seeded citizen's name, email or phone.
 * (e2e/citizen-report.spec.ts checks the rendered tracking page of a new report the same way.)
 *
 * Tracking numbers never reach the public either, nor a delegate, nor another citizen: every public
 * output above and everything a delegate's pages read is scanned for every seeded tracking number.
 */
import { isNotNull, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { eq } from "drizzle-orm";
import { categories, reports, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { locales } from "@/lib/i18n/config";

let handle: DatabaseHandle;
let secrets: string[] = [];
let numbers: string[] = [];

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 300, log: () => {} });
  const people = await handle.db
    .select({ name: reports.citizenName, email: reports.citizenEmail, phone: reports.citizenPhone })
    .from(reports)
    .where(or(isNotNull(reports.citizenName), isNotNull(reports.citizenEmail), isNotNull(reports.citizenPhone)));
  const phoneForms = (p: string) => [p, p.replace(/\s/g, ""), p.replace(/\D/g, "").slice(-8)];
  numbers = (await handle.db.select({ n: reports.trackingNumber }).from(reports)).map((r) => r.n);
  secrets = [
    ...new Set(people.flatMap((p) => [p.name, p.email, ...(p.phone ? phoneForms(p.phone) : [])]).filter((s): s is string => Boolean(s) && s!.length >= 6)),
  ];
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

function leaks(text: string): string[] {
  return secrets.filter((s) => text.includes(s));
}

/** Tracking numbers in a text, whatever their case or dashes. */
function numbersIn(text: string): string[] {
  const compact = text.toUpperCase().replace(/-/g, "");
  return numbers.filter((n) => compact.includes(n.replace(/-/g, "")));
}

/** Everything the public can read, as text: the map, nearby reports, results, every Open311 output. */
async function publicOutputs(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const { GET: map } = await import("./api/map/route");
  for (let zoom = 10; zoom <= 19; zoom++)
    out[`map z${zoom}`] = await (await map(new Request(`http://localhost/api/map?bbox=-5.45,35.53,-5.30,35.63&zoom=${zoom}`))).text();
  const { GET: nearby } = await import("./api/reports/nearby/route");
  for (const c of await handle.db.select({ id: categories.id }).from(categories)) {
    out[`nearby ${c.id}`] = await (await nearby(new Request(`http://localhost/api/reports/nearby?lat=35.5722&lng=-5.3686&category=${c.id}`))).text();
  }
  const { getPublishedResults } = await import("@/lib/dal/results");
  for (const locale of locales) out[`results ${locale}`] = JSON.stringify(await getPublishedResults(locale));
  const { GET } = await import("./open311/v2/[...path]/route");
  const get = async (path: string[], query = "") =>
    (await GET(new Request(`http://localhost/open311/v2/x${query}`), { params: Promise.resolve({ path }) })).text();
  for (const format of ["json", "xml"]) {
    out[`open311 all ${format}`] =
      (await get([`requests.${format}`], "?start_date=2000-01-01T00:00:00Z&end_date=2000-03-01T00:00:00Z")) + (await get([`requests.${format}`]));
    for (const status of ["open", "closed"]) out[`open311 ${status} ${format}`] = await get([`requests.${format}`], `?status=${status}`);
    out[`open311 services ${format}`] = await get([`services.${format}`]);
    const ids = (JSON.parse(await get(["requests.json"])) as { service_request_id: string }[]).map((r) => r.service_request_id);
    for (const id of ids.slice(0, 40)) {
      out[`open311 request ${id} ${format}`] = await get(["requests", `${id}.${format}`]);
      out[`open311 token ${id} ${format}`] = await get(["tokens", `${id}.${format}`]);
    }
  }
  return out;
}

describe("what the public can read", () => {
  it("has seeded citizens to look for", () => {
    expect(secrets.length).toBeGreaterThan(200);
    expect(secrets.some((s) => s.includes("@"))).toBe(true);
  });

  it("tracking pages: no report's data names its citizen, in any language", async () => {
    const { getReportByTrackingNumber } = await import("@/lib/dal/reports");
    const all = await handle.db.select({ number: reports.trackingNumber }).from(reports);
    for (const locale of locales) {
      for (const { number } of all) {
        const view = await getReportByTrackingNumber(number, locale);
        expect(leaks(JSON.stringify(view ?? {})), number).toEqual([]);
      }
    }
  });

  it("the map's data at every zoom, the nearby reports and the published results", async () => {
    const { GET: map } = await import("./api/map/route");
    for (let zoom = 10; zoom <= 19; zoom++) {
      const text = await (await map(new Request(`http://localhost/api/map?bbox=-5.45,35.53,-5.30,35.63&zoom=${zoom}`))).text();
      expect(leaks(text), `zoom ${zoom}`).toEqual([]);
    }
    const { GET: nearby } = await import("./api/reports/nearby/route");
    for (const c of await handle.db.select({ id: categories.id }).from(categories)) {
      const text = await (await nearby(new Request(`http://localhost/api/reports/nearby?lat=35.5722&lng=-5.3686&category=${c.id}`))).text();
      expect(leaks(text)).toEqual([]);
    }
    const { getPublishedResults } = await import("@/lib/dal/results");
    expect(leaks(JSON.stringify(await getPublishedResults("fr")))).toEqual([]);
  });

  it("every Open311 output, in JSON and XML", async () => {
    const { GET } = await import("./open311/v2/[...path]/route");
    const get = async (path: string[], query = "") =>
      (await GET(new Request(`http://localhost/open311/v2/x${query}`), { params: Promise.resolve({ path }) })).text();
    const all = await handle.db.select({ number: reports.trackingNumber }).from(reports);
    for (const format of ["json", "xml"]) {
      for (const status of ["open", "closed"]) expect(leaks(await get([`requests.${format}`], `?status=${status}&page_size=1000`))).toEqual([]);
      expect(leaks(await get([`requests.${format}`], "?start_date=2000-01-01T00:00:00Z&page_size=1000"))).toEqual([]);
      expect(leaks(await get([`services.${format}`]))).toEqual([]);
      for (const { number } of all.slice(0, 60)) expect(leaks(await get(["requests", `${number}.${format}`])), number).toEqual([]);
    }
  });
});

describe("the tracking number stays a secret between the citizen and the city's staff", () => {
  it("no public output holds a tracking number, and Open311 names requests by their public number", async () => {
    expect(numbers.length).toBeGreaterThan(200);
    const outputs = await publicOutputs();
    expect(outputs["open311 all json"]).toMatch(/"service_request_id":"\d+"/);
    for (const [name, text] of Object.entries(outputs)) expect(numbersIn(text), name).toEqual([]);
  });

  it("a tracking number asked of Open311 as a request id opens nothing", async () => {
    const { GET } = await import("./open311/v2/[...path]/route");
    for (const number of numbers.slice(0, 20)) {
      const response = await GET(new Request("http://localhost/open311/v2/x"), { params: Promise.resolve({ path: ["requests", `${number}.json`] }) });
      expect(response.status, number).toBe(404);
    }
  });

  it("nothing a delegate's pages read holds a tracking number or a citizen's contact", async () => {
    const { loadViewer } = await import("@/lib/dal/staff-auth");
    const { listReportsForStaff, getStaffReport } = await import("@/lib/dal/staff-reports");
    const { listPenalties } = await import("@/lib/dal/penalties");
    const [user] = await handle.db.select().from(users).where(eq(users.role, "delegate"));
    const delegate = await loadViewer(user.id);
    const rows = await listReportsForStaff(delegate, {}, "fr");
    expect(rows.length).toBeGreaterThan(10);
    const read = [JSON.stringify(rows), JSON.stringify(await listPenalties(delegate))];
    for (const row of rows) read.push(JSON.stringify(await getStaffReport(delegate, row.id, "fr")));
    for (const text of read) {
      expect(numbersIn(text)).toEqual([]);
      expect(leaks(text)).toEqual([]);
    }
    // The same pages read by the city's own staff do name them (the scan can find what it looks for).
    const [coordinator] = await handle.db.select().from(users).where(eq(users.role, "coordinator"));
    expect(numbersIn(JSON.stringify(await listReportsForStaff(await loadViewer(coordinator.id), {}, "fr"))).length).toBeGreaterThan(10);
  });

  it("a merged report's page shows the case's progress under its own number, never the other citizen's", async () => {
    const { getReportByTrackingNumber } = await import("@/lib/dal/reports");
    const merged = await handle.db.select({ n: reports.trackingNumber, master: reports.duplicateOfId }).from(reports).where(eq(reports.status, "duplicate"));
    expect(merged.length).toBeGreaterThan(0);
    for (const m of merged) {
      const view = (await getReportByTrackingNumber(m.n, "fr"))!;
      const [master] = await handle.db.select({ n: reports.trackingNumber, status: reports.status }).from(reports).where(eq(reports.id, m.master!));
      expect(view.trackingNumber).toBe(m.n);
      expect(view.merged).toBe(true);
      expect(view.status).toBe(master.status);
      expect(numbersIn(JSON.stringify(view))).toEqual([m.n]);
      // One filing in the timeline, this citizen's: the case's own filing is another citizen's.
      expect(view.timeline.filter((e) => e.type === "submit")).toHaveLength(1);
    }
  });
});
