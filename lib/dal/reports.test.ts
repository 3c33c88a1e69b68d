import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf, type DatabaseHandle } from "@/db";
import { categories, mails, reportCategories, reportEvents, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { ReportInput } from "@/lib/domain/report-input";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import { AppError } from "@/lib/errors";
import { MAP_MAX_CELLS, type MapItem, mapLevel, tilesCovering } from "@/lib/domain/map-tiles";
import { MAP_RECENTLY_CLOSED_DAYS } from "@/lib/domain/map-points";
import { listPublicMapCell, listPublicMapItems as listHeld, loadPublicMapPoints, publicMapPointsQuery, refreshPublicMapPoints } from "./public-map";
import { getReportByTrackingNumber, submitReport, trackingNumberExists } from "./reports";
import { DAY_MS } from "@/lib/domain/time";
import { forgetReferenceData } from "./reference";
import { getPublicReportSummary } from "./supports";
import { escapeHtml } from "@/lib/mail/templates";

let handle: DatabaseHandle;
let publicCategoryId: number;
let secondCategoryId: number;
let privateCategoryId: number;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0 });
  const cats = await handle.db.select().from(categories);
  const publicOnes = cats.filter((c) => !c.isPrivate);
  publicCategoryId = publicOnes[0].id;
  secondCategoryId = publicOnes[1].id;
  privateCategoryId = cats.find((c) => c.isPrivate)!.id;
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

let keyCounter = 0;
function input(overrides: Partial<ReportInput> = {}): ReportInput {
  keyCounter += 1;
  return {
    categoryIds: [publicCategoryId, secondCategoryId],
    lat: 35.5785,
    lng: -5.3684,
    districtId: undefined,
    address: "Avenue Mohammed V",
    description: "Le lampadaire devant le numéro 12 est éteint depuis une semaine.",
    anonymous: false,
    name: "Amina Test-Citoyenne",
    email: "amina.citoyenne@example.org",
    phone: "+212 600 000 001",
    attachmentTokens: [],
    idempotencyKey: `test-key-${keyCounter.toString().padStart(12, "0")}`,
    website: "",
    ...overrides,
  } as ReportInput;
}

describe("submitReport", () => {
  it("files a report with its categories, due dates, first event and a valid tracking number", async () => {
    const now = new Date("2026-11-20T10:00:00Z");
    const result = await submitReport(input(), { locale: "fr", now });
    expect(result.created).toBe(true);
    expect(parseTrackingNumber(result.trackingNumber, "TET")).toEqual({ ok: true, trackingNumber: result.trackingNumber });

    const [row] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, result.trackingNumber));
    expect(row.status).toBe("submitted");
    expect(row.channel).toBe("web");
    expect(row.routingDueAt.getTime()).toBeGreaterThan(now.getTime());
    expect(row.responseDueAt.getTime()).toBeGreaterThan(row.routingDueAt.getTime());
    expect(row.districtId).not.toBeNull();
    const cats = await handle.db.select().from(reportCategories).where(eq(reportCategories.reportId, row.id));
    expect(cats.map((c) => [c.categoryId, c.position]).sort()).toEqual(
      [
        [publicCategoryId, 0],
        [secondCategoryId, 1],
      ].sort(),
    );
    const events = await handle.db.select().from(reportEvents).where(eq(reportEvents.reportId, row.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "submit", actorRole: "citizen", toStatus: "submitted" });
  });

  it.each([
    ["with a mail (in a transaction)", {}],
    ["anonymous, without files (its one statement)", { anonymous: true }],
  ])("makes one report of a double submission %s, and refuses the same key with another body", async (_, overrides) => {
    const first = input(overrides);
    const [a, b] = await Promise.all([submitReport(first, { locale: "fr" }), submitReport(first, { locale: "fr" })]);
    expect(a.trackingNumber).toBe(b.trackingNumber);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const [{ count }] = await handle.db.select({ count: sql<number>`count(*)::int` }).from(reports).where(eq(reports.idempotencyKey, first.idempotencyKey));
    expect(count).toBe(1);

    await expect(submitReport({ ...first, description: "Un tout autre texte pour la même clé." }, { locale: "fr" })).rejects.toThrow(AppError);
  });

  it("refuses an unknown category without writing anything", async () => {
    const before = await handle.db.select({ count: sql<number>`count(*)::int` }).from(reports);
    await expect(submitReport(input({ categoryIds: [32000] }), { locale: "fr" })).rejects.toMatchObject({ code: "report.errors.category_unknown" });
    const after = await handle.db.select({ count: sql<number>`count(*)::int` }).from(reports);
    expect(after[0].count).toBe(before[0].count);
  });

  it("files a report with neither files nor a mail by its one statement, and one with a mail in a transaction with it", async () => {
    const transaction = vi.spyOn(handle.db, "transaction");
    try {
      const alone = await submitReport(input({ anonymous: true }), { locale: "fr" });
      expect(transaction).not.toHaveBeenCalled();
      const [filed] = await handle.db.select({ id: reports.id }).from(reports).where(eq(reports.trackingNumber, alone.trackingNumber));
      expect(await handle.db.select().from(reportCategories).where(eq(reportCategories.reportId, filed.id))).toHaveLength(2);
      expect(await handle.db.select().from(reportEvents).where(eq(reportEvents.reportId, filed.id))).toHaveLength(1);
      const acknowledged = await submitReport(input(), { locale: "fr" });
      expect(transaction).toHaveBeenCalledTimes(1);
      const [withMail] = await handle.db.select({ id: reports.id }).from(reports).where(eq(reports.trackingNumber, acknowledged.trackingNumber));
      expect(await handle.db.select().from(mails).where(eq(mails.reportId, withMail.id))).toHaveLength(1);
    } finally {
      transaction.mockRestore();
    }
  });

  it("keeps no contact for an anonymous report", async () => {
    const result = await submitReport(input({ anonymous: true }), { locale: "fr" });
    const [row] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, result.trackingNumber));
    expect(row).toMatchObject({ isAnonymous: true, citizenName: null, citizenEmail: null, citizenPhone: null });
  });
});

describe("the tracking page's view", () => {
  it("shows status, categories, service and dates, and never the citizen's identity", async () => {
    const { trackingNumber } = await submitReport(input(), { locale: "fr" });
    const view = await getReportByTrackingNumber(trackingNumber, "fr");
    expect(view).not.toBeNull();
    expect(view!.status).toBe("submitted");
    expect(view!.categories).toHaveLength(2);
    expect(view!.service.length).toBeGreaterThan(0);
    const serialized = JSON.stringify(view);
    expect(serialized).not.toContain("Amina");
    expect(serialized).not.toContain("amina.citoyenne@example.org");
    expect(serialized).not.toContain("600 000 001");
    expect(await trackingNumberExists(trackingNumber)).toBe(true);
    expect(await trackingNumberExists("TET-0000-0000-0")).toBe(false);
    expect(await getReportByTrackingNumber("TET-0000-0000-0", "fr")).toBeNull();
  });
});

describe("tracking numbers under collision", () => {
  it("retries with a new number when the random one is already taken", async () => {
    const first = await submitReport(input(), { locale: "fr", randomBytes: () => Uint8Array.from([1, 2, 3, 4, 5]) });
    let calls = 0;
    // The first draw repeats the number taken above; the second is new.
    const colliding = () => Uint8Array.from(calls++ === 0 ? [1, 2, 3, 4, 5] : [9, 8, 7, 6, 5]);
    const second = await submitReport(input(), { locale: "fr", randomBytes: colliding });
    expect(second.created).toBe(true);
    expect(second.trackingNumber).not.toBe(first.trackingNumber);
    expect(calls).toBe(2);
  });
});

/** The public map as a process that has just read its points would answer. */
const listPublicMapItems = async (viewport: Parameters<typeof listHeld>[0], now = new Date()): Promise<MapItem[]> =>
  listHeld(viewport, now, await loadPublicMapPoints(now));

describe("the public map", () => {
  const viewport = { minLat: 35.5, minLng: -5.5, maxLat: 35.7, maxLng: -5.2, zoom: 18 };
  /** A street-sized viewport: at zoom 18 every report there is its own marker. */
  const street = { minLat: 35.5695, minLng: -5.3655, maxLat: 35.5755, maxLng: -5.3595, zoom: 18 };

  it("lists public reports and leaves out private categories", async () => {
    const visible = await submitReport(input({ lat: 35.571, lng: -5.361 }), { locale: "fr" });
    const hidden = await submitReport(input({ categoryIds: [privateCategoryId], lat: 35.572, lng: -5.362 }), { locale: "fr" });
    const items = await listPublicMapItems(street);
    const at = (lat: number, lng: number) => items.filter((i) => i.type === "report" && Math.abs(i.lat - lat) < 1e-9 && Math.abs(i.lng - lng) < 1e-9);
    expect(at(35.571, -5.361)).toHaveLength(1);
    expect(at(35.571, -5.361)[0]).toMatchObject({ categoryIds: [publicCategoryId, secondCategoryId], status: "submitted" });
    expect(at(35.572, -5.362)).toHaveLength(0);
    const serialized = JSON.stringify(items);
    expect(serialized).not.toContain("Amina");
    expect(serialized).not.toContain(visible.trackingNumber);
    expect(serialized).not.toContain(hidden.trackingNumber);
  });

  it("lists a cluster of one point at the closest zoom, latest first, without its private reports; not a district's cell", async () => {
    const here = { lat: 35.5661, lng: -5.3588 };
    const first = await submitReport(input({ ...here, description: "Premier signalement à ce point précis." }), { locale: "fr" });
    await submitReport(input({ ...here, description: "Deuxième signalement au même point." }), { locale: "fr" });
    await submitReport(input({ ...here, categoryIds: [privateCategoryId] }), { locale: "fr" });
    const near = { minLat: here.lat - 0.002, minLng: here.lng - 0.002, maxLat: here.lat + 0.002, maxLng: here.lng + 0.002, zoom: 18 };
    const now = new Date();
    const held = await loadPublicMapPoints(now);
    const [cluster] = (await listHeld(near, now, held)).filter(
      (i) => i.type === "cluster" && Math.abs(i.lat - here.lat) < 0.001 && Math.abs(i.lng - here.lng) < 0.001,
    );
    expect(cluster).toMatchObject({ type: "cluster", count: 2 });
    const listed = await listPublicMapCell(near, { lat: cluster.lat, lng: cluster.lng }, now, held);
    expect(listed?.total).toBe(2);
    expect(listed?.items.map((i) => i.submittedAt)).toEqual([...(listed?.items.map((i) => i.submittedAt) ?? [])].sort().reverse());
    expect(JSON.stringify(listed)).not.toContain(first.trackingNumber);
    // The whole city's view is answered at a coarse level: its cells are not listed.
    expect(await listPublicMapCell({ ...viewport, zoom: 12 }, here, now, held)).toBeNull();
  });

  it("shows only the statuses and the category the citizen chose", async () => {
    const spot = { minLat: 35.5771, minLng: -5.3721, maxLat: 35.5779, maxLng: -5.3709, zoom: 18 };
    const one = await submitReport(input({ categoryIds: [publicCategoryId], lat: 35.5772, lng: -5.3712 }), { locale: "fr" });
    await submitReport(input({ categoryIds: [secondCategoryId], lat: 35.5775, lng: -5.3715 }), { locale: "fr" });
    await handle.db.update(reports).set({ status: "routed" }).where(eq(reports.trackingNumber, one.trackingNumber));
    const ids = async (filter: { statuses?: string[]; categoryId?: number }) =>
      (await listPublicMapItems({ ...spot, ...filter })).map((i) => (i.type === "report" ? i.lat : -1)).sort();
    expect(await ids({})).toEqual([35.5772, 35.5775]);
    expect(await ids({ statuses: ["routed"] })).toEqual([35.5772]);
    expect(await ids({ statuses: ["submitted"] })).toEqual([35.5775]);
    expect(await ids({ categoryId: secondCategoryId })).toEqual([35.5775]);
    expect(await ids({ statuses: ["routed"], categoryId: secondCategoryId })).toEqual([]);
    // A popup's summary: public words only; a private report is not found.
    const [marker] = (await listPublicMapItems({ ...spot, statuses: ["routed"] })).filter((i) => i.type === "report");
    const summary = await getPublicReportSummary(marker.type === "report" ? marker.ref : 0, "fr");
    expect(summary).toMatchObject({ status: "routed", open: true, supports: 0, answer: null });
    expect(JSON.stringify(summary)).not.toContain(one.trackingNumber);
    expect(JSON.stringify(summary)).not.toContain("Amina");
    const secret = await submitReport(input({ categoryIds: [privateCategoryId], lat: 35.5776, lng: -5.3716 }), { locale: "fr" });
    const [secretRow] = await handle.db.select({ ref: reports.publicNumber }).from(reports).where(eq(reports.trackingNumber, secret.trackingNumber));
    expect(await getPublicReportSummary(secretRow.ref, "fr")).toBeNull();
    expect(await getPublicReportSummary(-1, "fr")).toBeNull();
  });

  it("shows open reports and recently closed ones, not the closed history", async () => {
    const recent = await submitReport(input({ lat: 35.5731, lng: -5.3631 }), { locale: "fr" });
    const old = await submitReport(input({ lat: 35.5741, lng: -5.3641 }), { locale: "fr" });
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);
    await handle.db
      .update(reports)
      .set({ status: "closed", closedAt: daysAgo(MAP_RECENTLY_CLOSED_DAYS - 1) })
      .where(eq(reports.trackingNumber, recent.trackingNumber));
    await handle.db
      .update(reports)
      .set({ status: "closed", closedAt: daysAgo(MAP_RECENTLY_CLOSED_DAYS + 1) })
      .where(eq(reports.trackingNumber, old.trackingNumber));
    const items = await listPublicMapItems(street, now);
    const near = (lat: number) => items.filter((i) => i.type === "report" && Math.abs(i.lat - lat) < 1e-9);
    expect(near(35.5731)).toHaveLength(1);
    expect(near(35.5731)[0]).toMatchObject({ status: "closed" });
    expect(near(35.5741)).toHaveLength(0);
  });

  it("keeps a response small whatever zoom the client claims", async () => {
    for (let i = 0; i < 30; i++) await submitReport(input({ lat: 35.55 + i * 0.004, lng: -5.45 + i * 0.007 }), { locale: "fr" });
    const items = await listPublicMapItems({ minLat: 35.5, minLng: -5.5, maxLat: 35.7, maxLng: -5.2, zoom: 22 });
    expect(items.length).toBeLessThanOrEqual(MAP_MAX_CELLS * 1.3);
    // Every report is still counted, in a marker or a cluster.
    const all = await listPublicMapItems({ minLat: 35.5, minLng: -5.5, maxLat: 35.7, maxLng: -5.2, zoom: 3 });
    const count = (list: typeof items) => list.reduce((sum, i) => sum + (i.type === "cluster" ? i.count : 1), 0);
    expect(count(items)).toBe(count(all));
  });

  it("groups dense areas into clusters at low zoom", async () => {
    const items = await listPublicMapItems({ ...viewport, zoom: 10 });
    const total = items.reduce((sum, i) => sum + (i.type === "cluster" ? i.count : 1), 0);
    const detailed = await listPublicMapItems(viewport);
    expect(items.some((i) => i.type === "cluster")).toBe(true);
    expect(total).toBe(detailed.reduce((sum, i) => sum + (i.type === "cluster" ? i.count : 1), 0));
  });

  it("reads its points through the map's two partial indexes: the closed history is never read", async () => {
    // On a test-sized table the planner would rightly read the table: forbid it, to see which index
    // each branch can use. The two branches merged into one OR, or a branch's condition no longer the
    // partial index's, shows here.
    await handle.db.execute(sql`vacuum reports`);
    const plan = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const [row] = rowsOf<{ "QUERY PLAN": unknown }>(await tx.execute(sql`explain (format json) ${publicMapPointsQuery(new Date())}`));
      const json = row["QUERY PLAN"];
      return (typeof json === "string" ? JSON.parse(json) : json) as { Plan: PlanNode }[];
    });
    type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };
    const scans: string[] = [];
    const walk = (node: PlanNode) => {
      if (node["Index Name"]?.startsWith("reports_map_")) scans.push(`${node["Node Type"]} ${node["Index Name"]}`);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(plan[0].Plan);
    expect(scans.sort()).toEqual(["Index Scan reports_map_closed_idx", "Index Scan reports_map_open_idx"]);
  });

  it("answers from the points a process holds, brought up to date with the reports changed since", async () => {
    const area = { minLat: 35.5781, minLng: -5.3841, maxLat: 35.5789, maxLng: -5.3829, zoom: 18 };
    const markers = (items: MapItem[]) => items.filter((i) => i.type === "report").length;
    const first = await submitReport(input({ lat: 35.5783, lng: -5.3833 }), { locale: "fr" });
    const held = await loadPublicMapPoints();
    expect(markers(await listHeld(area, new Date(), held))).toBe(1);
    // A report filed and one moved out of the map's statuses: seen once the held points are refreshed.
    await submitReport(input({ lat: 35.5787, lng: -5.3838 }), { locale: "fr" });
    expect(markers(await listHeld(area, new Date(), held))).toBe(1);
    await refreshPublicMapPoints(held);
    expect(markers(await listHeld(area, new Date(), held))).toBe(2);
    await handle.db.update(reports).set({ status: "inadmissible", updatedAt: new Date() }).where(eq(reports.trackingNumber, first.trackingNumber));
    await refreshPublicMapPoints(held);
    expect(markers(await listHeld(area, new Date(), held))).toBe(1);
    // A category made private leaves at once (read at each answer, not held).
    await submitReport(input({ categoryIds: [secondCategoryId], lat: 35.5784, lng: -5.3839 }), { locale: "fr" });
    await refreshPublicMapPoints(held);
    expect(markers(await listHeld(area, new Date(), held))).toBe(2);
    try {
      await handle.db.update(categories).set({ isPrivate: true }).where(eq(categories.id, secondCategoryId));
      await forgetReferenceData();
      expect(markers(await listHeld(area, new Date(), held))).toBe(0);
    } finally {
      await handle.db.update(categories).set({ isPrivate: false }).where(eq(categories.id, secondCategoryId));
      await forgetReferenceData();
    }
    // The whole city never asks for more than a screen's tiles.
    expect(tilesCovering(viewport, mapLevel(viewport, 18)).length).toBeLessThanOrEqual(30);
  });

  it("reads a mass change sharing one time stamp through, page after page, and leaves more than a refresh can carry to a whole read", async () => {
    const area = { minLat: 35.5561, minLng: -5.4021, maxLat: 35.5599, maxLng: -5.3959, zoom: 18 };
    const filed = [];
    for (let i = 0; i < 12; i++) filed.push(await submitReport(input({ lat: 35.557 + i * 0.0002, lng: -5.4 + i * 0.0003 }), { locale: "fr" }));
    const held = await loadPublicMapPoints();
    const shown = async () => (await listHeld(area, new Date(), held)).reduce((n, i) => n + (i.type === "cluster" ? i.count : 1), 0);
    expect(await shown()).toBe(12);
    const at = new Date();
    const numbers = filed.map((f) => f.trackingNumber);
    await handle.db.update(reports).set({ status: "inadmissible", updatedAt: at }).where(inArray(reports.trackingNumber, numbers));
    // From this change on (the other tests' reports changed before it).
    held.changesSince = at;
    await refreshPublicMapPoints(held, new Date(), { size: 5, most: 10 });
    expect(await shown()).toBe(0);
    expect(held.loadedAt).toBeGreaterThan(0);
    // Too many for two pages of five: what was read is shown, and the next look reads everything.
    await handle.db
      .update(reports)
      .set({ status: "submitted", updatedAt: new Date(at.getTime() + 1000) })
      .where(inArray(reports.trackingNumber, numbers));
    held.changesSince = at;
    await refreshPublicMapPoints(held, new Date(), { size: 5, most: 2 });
    expect(await shown()).toBe(10);
    expect(held.loadedAt).toBe(0);
  });

  it("never puts two clusters closer than 40 screen pixels (their size): touch targets do not overlap", async () => {
    for (const zoom of [11, 12, 13, 14, 15, 16]) {
      const clusters = (await listPublicMapItems({ ...viewport, zoom })).filter((i) => i.type === "cluster");
      // Web Mercator pixels at this zoom (256-pixel tiles).
      const px = (lat: number, lng: number) => {
        const scale = (256 * 2 ** zoom) / (2 * Math.PI);
        return { x: scale * ((lng * Math.PI) / 180), y: scale * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) };
      };
      for (let i = 0; i < clusters.length; i++) {
        for (let j = i + 1; j < clusters.length; j++) {
          const [a, b] = [px(clusters[i].lat, clusters[i].lng), px(clusters[j].lat, clusters[j].lng)];
          expect(Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y)), `zoom ${zoom}`).toBeGreaterThanOrEqual(40);
        }
      }
    }
  });
});

describe("the acknowledgement", () => {
  it("is queued in the outbox with the filing, with the tracking number, and not for an anonymous report", async () => {
    const form = input({ email: "ack.test@example.org" });
    const { trackingNumber } = await submitReport(form, { locale: "fr" });
    // A retry of the same form files nothing new, and mails nothing again.
    await submitReport(form, { locale: "fr" });
    const sent = await handle.db.select().from(mails).where(eq(mails.to, "ack.test@example.org"));
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain(trackingNumber);
    expect(sent[0].state).toBe("queued");

    const before = await handle.db.select({ count: sql<number>`count(*)::int` }).from(mails);
    await submitReport(input({ anonymous: true }), { locale: "fr" });
    const after = await handle.db.select({ count: sql<number>`count(*)::int` }).from(mails);
    expect(after[0].count).toBe(before[0].count);
  });

  it("includes the request type's own paragraph, in the citizen's language, else the city's", async () => {
    const [question] = await handle.db.select().from(categories).where(eq(categories.code, "question-generale"));
    const request = (email: string) =>
      input({
        categoryIds: [question.id],
        lat: undefined,
        lng: undefined,
        address: undefined,
        description: "",
        email,
        formCategoryId: question.id,
        formVersion: 1,
        fields: { subject: "Horaires", question: "Quels sont les horaires de l'état civil ?" },
      });
    const mailTo = async (to: string) => (await handle.db.select().from(mails).where(eq(mails.to, to)))[0];
    await submitReport(request("ack.en@example.org"), { locale: "en" });
    const en = await mailTo("ack.en@example.org");
    expect(en.text).toContain(question.acknowledgement!.en);
    expect(en.text).not.toContain(question.acknowledgement!.fr);
    expect(en.html).toContain(escapeHtml(question.acknowledgement!.en!));
    // Without an Arabic paragraph, the Arabic mail gives the city's language's (French).
    try {
      await handle.db
        .update(categories)
        .set({ acknowledgement: { fr: question.acknowledgement!.fr, en: question.acknowledgement!.en } })
        .where(eq(categories.id, question.id));
      await forgetReferenceData();
      await submitReport(request("ack.ar@example.org"), { locale: "ar" });
      expect((await mailTo("ack.ar@example.org")).text).toContain(question.acknowledgement!.fr);
    } finally {
      await handle.db.update(categories).set({ acknowledgement: question.acknowledgement }).where(eq(categories.id, question.id));
      await forgetReferenceData();
    }
    // A complaint's category has no paragraph of its own: none of the types' is there.
    await submitReport(input({ email: "ack.complaint@example.org" }), { locale: "en" });
    expect((await mailTo("ack.complaint@example.org")).text).not.toContain(question.acknowledgement!.en);
  });
});
