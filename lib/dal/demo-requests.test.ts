/**
 * The demo's requests as the public and their citizens see them. The demo's private request type (a complaint to the municipal police) never reaches the public:
 * not on the map (even when it says where), not in a public summary, not among the nearby reports a
 * citizen is shown while filing. The other request types' requests have a public summary. The
 * tracking page gives back the answers to the type's fields, never a contact answer.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { attachments, categories, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { LIVE_STATUSES } from "@/lib/domain/workflow";
import type { FileStorage } from "@/lib/storage";
import { listPublicMapItems, loadPublicMapPoints } from "./public-map";
import { forgetReferenceData } from "./reference";
import { getPublicReportSummary, listNearbyOpenReports } from "./supports";
import { getReportByTrackingNumber } from "./reports";

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

describe("the tracking page of a request", () => {
  const requestsOf = async (code: string) => {
    const [type] = await handle.db.select().from(categories).where(eq(categories.code, code));
    return handle.db.select().from(reports).where(eq(reports.formCategoryId, type.id));
  };

  it("gives back the answers in the form's order and the reader's language, choices by their label, and never a contact answer", async () => {
    const [request] = (await requestsOf("bibliotheque-inscription")).filter((r) => r.status === "routed");
    expect(request.fields?.reader_email).toMatch(/@example\.org$/);
    const view = (await getReportByTrackingNumber(request.trackingNumber, "en"))!;
    expect(view.answers.map((a) => a.code)).toEqual(
      ["reader_name", "birth_date", "reading_preferences", "accepts_rules"].filter((code) => request.fields?.[code] !== undefined),
    );
    expect(view.answers.find((a) => a.code === "reader_name")).toMatchObject({
      label: { text: "Reader's full name", lang: "en" },
      value: request.fields?.reader_name,
    });
    expect(JSON.stringify(view.answers.map((a) => a.value))).not.toContain("@");
    const ar = (await getReportByTrackingNumber(request.trackingNumber, "ar"))!;
    expect(ar.answers[0].label).toEqual({ text: "الاسم الكامل للقارئ", lang: "ar" });
  });

  it("lists a field's files with its answer, not among the report's own files", async () => {
    const withProofs = (await requestsOf("aide-restauration-scolaire")).filter((r) => ((r.fields?.income_proof as string[] | undefined) ?? []).length === 2);
    expect(withProofs.length).toBeGreaterThan(0);
    for (const r of withProofs) {
      const view = (await getReportByTrackingNumber(r.trackingNumber, "fr"))!;
      if (r.status === "duplicate") continue;
      const proof = view.answers.find((a) => a.code === "income_proof")!;
      const files = await handle.db.select().from(attachments).where(eq(attachments.reportId, r.id));
      expect([...(proof.value as string[])].sort()).toEqual(files.map((f) => f.id).sort());
      expect(view.attachments).toEqual([]);
      expect(view.answers.find((a) => a.code === "school")?.value).toMatch(/^ecole-/);
    }
  });

  it("a request merged into another shows its own answers, never the other citizen's", async () => {
    const all = await requestsOf("question-generale");
    const duplicate = all.find((r) => r.status === "duplicate")!;
    const master = all.find((r) => r.id === duplicate.duplicateOfId)!;
    const view = (await getReportByTrackingNumber(duplicate.trackingNumber, "fr"))!;
    expect(view.merged).toBe(true);
    expect(view.answers.find((a) => a.code === "question")?.value).toBe(duplicate.fields?.question);
    expect(JSON.stringify(view.answers)).not.toContain(String(master.fields?.question));
  });
});
