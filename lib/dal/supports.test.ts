import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { ReportInput } from "@/lib/domain/report-input";
import { submitReport } from "./reports";
import { excerptOf } from "@/lib/domain/excerpt";
import { addSupport, listNearbyOpenReports, supportFingerprint } from "./supports";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

async function file(code: string, lat: number, lng: number, key: string) {
  const [cat] = await handle.db.select().from(categories).where(eq(categories.code, code));
  const { trackingNumber } = await submitReport(
    {
      categoryIds: [cat.id],
      lat,
      lng,
      address: undefined,
      description: "Un problème signalé pour le test.",
      anonymous: true,
      name: undefined,
      attachmentTokens: [],
      idempotencyKey: key,
      website: "",
    } as ReportInput,
    { locale: "fr" },
  );
  return { cat, report: (await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber)))[0] };
}

describe("supports", () => {
  it("lists nearby open reports of the category without personal data, never private ones", async () => {
    const { cat, report } = await file("dechets-non-collectes", 35.5722, -5.3686, "support-test-key-0001");
    await file("dechets-non-collectes", 35.59, -5.34, "support-test-key-0002"); // far away
    const secret = await file("insecurite", 35.5722, -5.3686, "support-test-key-0003");
    const near = await listNearbyOpenReports({ lat: 35.5723, lng: -5.3687, categoryId: cat.id }, "fr");
    expect(near.map((n) => n.id)).toEqual([report.id]);
    expect(near[0].distance).toBeLessThan(20);
    expect(JSON.stringify(near)).not.toContain(report.trackingNumber);
    expect(Object.keys(near[0]).sort()).toEqual(["address", "category", "distance", "excerpt", "id", "status", "submittedAt", "supports"]);
    expect(await listNearbyOpenReports({ lat: 35.5722, lng: -5.3686, categoryId: secret.cat.id }, "fr")).toEqual([]);
    await expect(addSupport(secret.report.id, "x")).rejects.toMatchObject({ code: "support.errors.not_found" });
  });

  it("cuts a description's start at a word", () => {
    expect(excerptOf("Un  trou\n dans la chaussée")).toBe("Un trou dans la chaussée");
    const long = "Un trou profond ".repeat(20);
    const cut = excerptOf(long);
    expect(cut.length).toBeLessThanOrEqual(141);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut).not.toMatch(/ …$/);
  });

  it("counts each person once", async () => {
    const { report } = await file("lampadaire-eteint", 35.5712, -5.3755, "support-test-key-0004");
    const a = supportFingerprint(report.id, "10.0.0.1", "Firefox");
    expect(await addSupport(report.id, a)).toEqual({ supports: 1, added: true });
    expect(await addSupport(report.id, a)).toEqual({ supports: 1, added: false });
    expect(await addSupport(report.id, supportFingerprint(report.id, "10.0.0.2", "Chrome"))).toEqual({ supports: 2, added: true });
  });
});
