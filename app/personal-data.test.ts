/**
 * Personal data never reaches the public. The seeded city (300 reports by named citizens) is read
 * through everything the public can reach — every report's tracking page data and files list, the
 * map's data at every zoom, the "nearby" reports, the published results, every Open311 output in
 * JSON and XML — and none of it may contain a seeded citizen's name, email or phone.
 * (e2e/citizen-report.spec.ts checks the rendered tracking page of a new report the same way.)
 */
import { isNotNull, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { locales } from "@/lib/i18n/config";

let handle: DatabaseHandle;
let secrets: string[] = [];

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { reports: 300, log: () => {} });
  const people = await handle.db
    .select({ name: reports.citizenName, email: reports.citizenEmail, phone: reports.citizenPhone })
    .from(reports)
    .where(or(isNotNull(reports.citizenName), isNotNull(reports.citizenEmail), isNotNull(reports.citizenPhone)));
  const phoneForms = (p: string) => [p, p.replace(/\s/g, ""), p.replace(/\D/g, "").slice(-8)];
  secrets = [...new Set(people.flatMap((p) => [p.name, p.email, ...(p.phone ? phoneForms(p.phone) : [])]).filter((s): s is string => Boolean(s) && s!.length >= 6))];
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

function leaks(text: string): string[] {
  return secrets.filter((s) => text.includes(s));
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
    const get = async (path: string[], query = "") => (await GET(new Request(`http://localhost/open311/v2/x${query}`), { params: Promise.resolve({ path }) })).text();
    const all = await handle.db.select({ number: reports.trackingNumber }).from(reports);
    for (const format of ["json", "xml"]) {
      for (const status of ["open", "closed"]) expect(leaks(await get([`requests.${format}`], `?status=${status}&page_size=1000`))).toEqual([]);
      expect(leaks(await get([`requests.${format}`], "?start_date=2000-01-01T00:00:00Z&page_size=1000"))).toEqual([]);
      expect(leaks(await get([`services.${format}`]))).toEqual([]);
      for (const { number } of all.slice(0, 60)) expect(leaks(await get(["requests", `${number}.${format}`])), number).toEqual([]);
    }
  });
});
