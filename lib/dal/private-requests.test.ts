/**
 * The demo's private request type (a complaint to the municipal police) never reaches the public:
 * not on the map (even when it says where), not in a public summary, not among the nearby reports a
 * citizen is shown while filing. The other request types' requests have a public summary.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { LIVE_STATUSES } from "@/lib/domain/workflow";
import type { FileStorage } from "@/lib/storage";
import { listPublicMapItems, loadPublicMapPoints } from "./public-map";
import { forgetReferenceData } from "./reference";
import { getPublicReportSummary, listNearbyOpenReports } from "./supports";

let handle: DatabaseHandle;
let police: typeof categories.$inferSelect;
const memory: FileStorage = { kind: "local", put: async () => {}, get: async () => null, delete: async () => {} };

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, requests: true, storage: memory, log: () => {} });
  [police] = await handle.db.select().from(categories).where(eq(categories.code, "police-municipale-plainte"));
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

const live = (status: string) => (LIVE_STATUSES as readonly string[]).includes(status);

/** What the public map shows at street zoom around a point. */
async function markersAround(point: { lat: number; lng: number }): Promise<number[]> {
  const now = new Date();
  const viewport = { minLat: point.lat - 0.0005, minLng: point.lng - 0.0005, maxLat: point.lat + 0.0005, maxLng: point.lng + 0.0005, zoom: 18 };
  const items = await listPublicMapItems(viewport, now, await loadPublicMapPoints(now));
  return items.flatMap((i) => (i.type === "report" ? [i.ref] : []));
}

describe("private requests", () => {
  it("are never on the public map, even with a place, nor in a public summary or the nearby reports", async () => {
    expect(police.isPrivate).toBe(true);
    const placed = (
      await handle.db
        .select()
        .from(reports)
        .where(and(eq(reports.formCategoryId, police.id), isNotNull(reports.lat)))
    ).filter((r) => live(r.status));
    expect(placed.length).toBeGreaterThan(0);
    for (const r of placed) {
      const point = { lat: r.lat!, lng: r.lng! };
      expect(await markersAround(point)).not.toContain(r.publicNumber);
      expect(await getPublicReportSummary(r.publicNumber, "fr")).toBeNull();
      const nearby = await listNearbyOpenReports({ ...point, categoryId: police.id }, "fr");
      expect(nearby.map((n) => n.id)).not.toContain(r.id);
    }
    // The same requests, were the type public, would be shown: the checks above can fail.
    try {
      await handle.db.update(categories).set({ isPrivate: false }).where(eq(categories.id, police.id));
      await forgetReferenceData();
      const [shown] = placed;
      expect(await markersAround({ lat: shown.lat!, lng: shown.lng! })).toContain(shown.publicNumber);
      expect(await getPublicReportSummary(shown.publicNumber, "fr")).not.toBeNull();
    } finally {
      await handle.db.update(categories).set({ isPrivate: true }).where(eq(categories.id, police.id));
      await forgetReferenceData();
    }
  });

  it("other request types' requests, without a place, are on no map but have their public summary", async () => {
    const [library] = await handle.db.select().from(categories).where(eq(categories.code, "bibliotheque-inscription"));
    const requests = (await handle.db.select().from(reports).where(eq(reports.formCategoryId, library.id))).filter((r) => live(r.status));
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.lat).toBeNull();
      expect(await getPublicReportSummary(r.publicNumber, "fr")).not.toBeNull();
    }
  });
});
