import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, mails, reportEvents, reportSearchText, reports, services, users } from "@/db/schema";
import { DEMO_PASSWORDS, seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import type { ReportInput } from "@/lib/domain/report-input";
import { AppError } from "@/lib/errors";
import {
  addInternalNote,
  answerReport,
  askForInformation,
  changeCategories,
  closeReport,
  declareInadmissible,
  mergeDuplicate,
  provideInformation,
  reopenReport,
  resumeReport,
  routeReports,
  takeReport,
} from "./report-workflow";
import { getReportByTrackingNumber, submitReport } from "./reports";
import { loadViewer, verifyStaffCredentials } from "./staff-auth";
import { countReportsForStaff, getStaffReport, listReportsForStaff, suggestDuplicates } from "./staff-reports";
import { DAY_MS } from "@/lib/domain/time";

let handle: DatabaseHandle;
const v: Record<string, Viewer> = {};
let wasteCategory: number;
let roadsCategory: number;
let wasteService: number;
let roadsService: number;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  for (const u of await handle.db.select().from(users)) v[u.email.split("@")[0]] = (await loadViewer(u.id))!;
  const cats = await handle.db.select().from(categories);
  const svc = await handle.db.select().from(services);
  wasteService = svc.find((s) => s.code === "proprete")!.id;
  roadsService = svc.find((s) => s.code === "voirie")!.id;
  wasteCategory = cats.find((c) => c.code === "dechets-non-collectes")!.id;
  roadsCategory = cats.find((c) => c.code === "nid-de-poule")!.id;
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

let n = 0;
async function newReport(categoryId: number, overrides: Partial<ReportInput> = {}) {
  n++;
  const { trackingNumber } = await submitReport(
    {
      categoryIds: [categoryId],
      lat: 35.5722,
      lng: -5.3686,
      districtId: undefined,
      address: "Rue Lucas",
      description: "Les ordures ne sont pas ramassées depuis trois jours dans la rue.",
      anonymous: false,
      name: "Citoyen Test",
      email: `citizen${n}@example.org`,
      phone: undefined,
      attachmentTokens: [],
      idempotencyKey: `workflow-test-key-${String(n).padStart(6, "0")}`,
      website: "",
      ...overrides,
    } as ReportInput,
    { locale: "fr" },
  );
  const [row] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber));
  return row;
}

const state = async (id: string) => {
  const [r] = await handle.db.select().from(reports).where(eq(reports.id, id));
  const [e] = await handle.db.select({ n: count() }).from(reportEvents).where(eq(reportEvents.reportId, id));
  return { status: r.status, serviceId: r.serviceId, events: e.n };
};
const mailsTo = (email: string) => handle.db.select().from(mails).where(eq(mails.to, email));
const refusedWith = async (promise: Promise<unknown>, code: RegExp) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toMatch(code);
};

describe("sign-in", () => {
  it("accepts the right password and locks an address out of an account after repeated failures", async () => {
    const ok = await verifyStaffCredentials("Coordinateur@demo.tetouan.ma", DEMO_PASSWORDS["coordinateur@demo.tetouan.ma"], "10.0.0.1");
    expect(ok).toMatchObject({ ok: true, viewer: { role: "coordinator" } });
    for (let i = 0; i < 10; i++)
      expect(await verifyStaffCredentials("agent.voirie@demo.tetouan.ma", "wrong", "10.0.0.2")).toMatchObject({ ok: false, code: "invalid" });
    // The eleventh try from there is refused without even checking the (right) password; lib/dal/staff-auth.test.ts has the rest.
    expect(await verifyStaffCredentials("agent.voirie@demo.tetouan.ma", DEMO_PASSWORDS["agent.voirie@demo.tetouan.ma"], "10.0.0.2")).toMatchObject({
      ok: false,
      code: "locked",
    });
    expect(await verifyStaffCredentials("nobody@demo.tetouan.ma", "x", "10.0.0.4")).toMatchObject({ ok: false, code: "invalid" });
  });
});

describe("who may do what", () => {
  it("refuses every command to the anonymous, the mayor's office and staff outside the report's scope, changing nothing", async () => {
    const report = await newReport(wasteCategory);
    const before = await state(report.id);
    const outsiders: (Viewer | null)[] = [null, v.cabinet, v["agent.voirie"]];
    for (const who of outsiders) {
      await refusedWith(routeReports(who, { reportIds: [report.id], serviceId: wasteService, note: "" }), /^forbidden/);
      await refusedWith(changeCategories(who, { reportId: report.id, categoryIds: [roadsCategory] }), /^forbidden/);
      await refusedWith(askForInformation(who, { reportId: report.id, question: "Pouvez-vous préciser ?" }), /^forbidden/);
      await refusedWith(takeReport(who, { reportId: report.id }), /^forbidden/);
      await refusedWith(addInternalNote(who, { reportId: report.id, note: "note" }), /^forbidden/);
      await refusedWith(answerReport(who, { reportId: report.id, outcome: "upheld", answer: "x".repeat(30), reorientedTo: "" }), /^forbidden/);
      await refusedWith(declareInadmissible(who, { reportId: report.id, reason: "spam" }), /^forbidden/);
      await refusedWith(reopenReport(who, { reportId: report.id, reason: "r" }), /^forbidden/);
      await refusedWith(closeReport(who, { reportId: report.id }), /^forbidden/);
      await refusedWith(resumeReport(who, { reportId: report.id, note: "" }), /^forbidden/);
    }
    await refusedWith(listReportsForStaff(null, {}, "fr"), /^forbidden/);
    // Agents and delegates do not triage, even in their own service.
    await refusedWith(routeReports(v["agent.proprete"], { reportIds: [report.id], serviceId: wasteService, note: "" }), /^forbidden/);
    await refusedWith(mergeDuplicate(v.delegataire, { reportId: report.id, masterId: report.id.replace(/.$/, "0") }), /^forbidden|staff.errors/);
    await refusedWith(getStaffReport(v["agent.voirie"], report.id, "fr"), /^forbidden/);
    expect(await state(report.id)).toEqual(before);
  });

  it("shows agents and delegates their own service only, and hides citizens' contact from delegates", async () => {
    await newReport(roadsCategory);
    const waste = await newReport(wasteCategory);
    const roadsRows = await listReportsForStaff(v["agent.voirie"], {}, "fr");
    expect(roadsRows.length).toBeGreaterThan(0);
    expect(roadsRows.every((r) => r.serviceId === roadsService)).toBe(true);
    const delegateRows = await listReportsForStaff(v.delegataire, {}, "fr");
    expect(delegateRows.every((r) => r.serviceId === wasteService)).toBe(true);
    expect((await getStaffReport(v.delegataire, waste.id, "fr"))!.contact).toBeNull();
    expect((await getStaffReport(v["agent.proprete"], waste.id, "fr"))!.contact).toMatchObject({ email: waste.citizenEmail });
    expect((await listReportsForStaff(v.coordinateur, { q: "ordures", lateOnly: false }, "fr")).length).toBeGreaterThan(0);
  });

  it("counts exactly what the triage map's filters select in the viewer's scope, beyond the list's limit", async () => {
    for (let i = 0; i < 3; i++) await newReport(wasteCategory);
    const filters = { statuses: ["submitted" as const], categoryId: wasteCategory };
    const all = await listReportsForStaff(v.coordinateur, { ...filters, limit: 2000 }, "fr");
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(await countReportsForStaff(v.coordinateur, filters)).toBe(all.length);
    // The list stops at its limit, in the triage order; the count does not.
    const firstTwo = await listReportsForStaff(v.coordinateur, { ...filters, sort: "triage", limit: 2 }, "fr");
    expect(firstTwo.map((r) => r.id)).toEqual(
      (await listReportsForStaff(v.coordinateur, { ...filters, sort: "triage", limit: 2000 }, "fr")).slice(0, 2).map((r) => r.id),
    );
    expect(await countReportsForStaff(v.coordinateur, { ...filters, sort: "triage", limit: 2 })).toBe(all.length);
    // Scoped as the list is: an agent of another service counts none of them, the delegate of the service all.
    expect(await countReportsForStaff(v["agent.voirie"], filters)).toBe(0);
    expect(await countReportsForStaff(v.delegataire, filters)).toBe((await listReportsForStaff(v.delegataire, { ...filters, limit: 2000 }, "fr")).length);
    await refusedWith(countReportsForStaff(null, filters), /^forbidden/);
  });

  it("searches the description, the address and the tracking number through their trigram index, never across two fields", async () => {
    const a = await newReport(wasteCategory, { description: "Lampadaire clignotant au coin de la placette des Orfèvres.", address: "Derb Zaouia" });
    const ids = async (viewer: Viewer, q: string) => (await listReportsForStaff(viewer, { q, limit: 2000 }, "fr")).map((r) => r.id);
    expect(await ids(v.coordinateur, "CLIGNOTANT")).toContain(a.id);
    expect(await ids(v.coordinateur, "derb zaou")).toContain(a.id);
    expect(await ids(v.coordinateur, a.trackingNumber.slice(2, 9))).toContain(a.id);
    expect(await ids(v.coordinateur, String(a.publicNumber))).toContain(a.id);
    // The end of the description and the start of the address are two fields, not one text.
    expect(await ids(v.coordinateur, "Orfèvres.Derb")).not.toContain(a.id);
    expect(await ids(v.coordinateur, "Orfèvres.\u001fDerb")).not.toContain(a.id);
    expect(await countReportsForStaff(v.coordinateur, { q: "clignotant" })).toBe((await ids(v.coordinateur, "clignotant")).length);
    // The delegate of the service finds the report by its words, never by its tracking number.
    expect(await ids(v.delegataire, "clignotant")).toContain(a.id);
    expect(await ids(v.delegataire, a.trackingNumber.slice(2, 9))).not.toContain(a.id);
    expect(await countReportsForStaff(v.delegataire, { q: a.trackingNumber.slice(2, 9) })).toBe(0);
    // The query's text is the index's (migration 0022): with the table's scan forbidden, the index is read.
    const plan = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return JSON.stringify(await tx.execute(sql`explain select id from ${reports} where ${reportSearchText(reports)} ilike ${"%clignotant%"}`));
    });
    expect(plan).toContain("reports_search_idx");
  });

  it("counts a viewport as the requests without a place plus the reports in the box", async () => {
    const inside = await newReport(roadsCategory, { lat: 35.5801, lng: -5.3702 });
    const outside = await newReport(roadsCategory, { lat: 35.7, lng: -5.9 });
    const placeless = await newReport(roadsCategory, { lat: undefined, lng: undefined });
    const bbox = { minLat: 35.57, maxLat: 35.59, minLng: -5.38, maxLng: -5.36 };
    const filters = { statuses: ["submitted" as const], serviceId: roadsService, bbox };
    const listed = (await listReportsForStaff(v.coordinateur, { ...filters, limit: 2000 }, "fr")).map((r) => r.id);
    expect(listed).toEqual(expect.arrayContaining([inside.id, placeless.id]));
    expect(listed).not.toContain(outside.id);
    expect(await countReportsForStaff(v.coordinateur, filters)).toBe(listed.length);
    expect(await countReportsForStaff(v["agent.voirie"], filters)).toBe(listed.length);
    expect(await countReportsForStaff(v["agent.proprete"], filters)).toBe(0);
  });
});

describe("the lifecycle", () => {
  it("routes, asks the citizen, resumes, answers with a signature, and tells the citizen at each step", async () => {
    const report = await newReport(wasteCategory);
    await refusedWith(
      answerReport(v["agent.proprete"], { reportId: report.id, outcome: "upheld", answer: "x".repeat(30), reorientedTo: "" }),
      /staff.errors.transition_refused/,
    );
    await refusedWith(routeReports(v.coordinateur, { reportIds: [report.id], serviceId: 999, note: "" }), /staff.errors.service_unknown/);
    expect((await state(report.id)).status).toBe("submitted");

    await routeReports(v.coordinateur, { reportIds: [report.id], serviceId: wasteService, note: "Secteur Médina" });
    expect((await state(report.id)).status).toBe("routed");
    expect((await mailsTo(report.citizenEmail!)).map((m) => m.template)).toContain("update.routed");

    await takeReport(v["agent.proprete"], { reportId: report.id });
    const t0 = new Date(Date.now() - 4 * DAY_MS);
    await askForInformation(v["agent.proprete"], { reportId: report.id, question: "Quel est le numéro de la maison la plus proche ?" }, t0);
    const [paused] = await handle.db.select().from(reports).where(eq(reports.id, report.id));
    expect(paused.status).toBe("needs_info");
    const question = (await mailsTo(report.citizenEmail!)).find((m) => m.template === "update.needs_info")!;
    expect(question.text).toContain("Quel est le numéro de la maison la plus proche ?");

    const t1 = new Date(t0.getTime() + 3 * DAY_MS);
    await provideInformation({ trackingNumber: report.trackingNumber, reply: "Devant le numéro 14.", attachmentTokens: [] }, t1);
    const [resumed] = await handle.db.select().from(reports).where(eq(reports.id, report.id));
    expect(resumed.status).toBe("in_progress");
    expect(resumed.responseDueAt.getTime() - paused.responseDueAt.getTime()).toBe(3 * DAY_MS);
    await refusedWith(
      provideInformation({ trackingNumber: report.trackingNumber, reply: "encore", attachmentTokens: [] }),
      /tracking.reply.errors.not_waiting/,
    );

    await answerReport(v["agent.proprete"], {
      reportId: report.id,
      outcome: "upheld",
      answer: "Votre réclamation est fondée : la collecte a été rattrapée ce matin et le circuit corrigé.",
      reorientedTo: "",
    });
    const [answered] = await handle.db.select().from(reports).where(eq(reports.id, report.id));
    expect(answered).toMatchObject({ status: "answered", outcome: "upheld", answerSignature: { firstName: "Youssef", lastName: "Benali" } });
    const answerMail = (await mailsTo(report.citizenEmail!)).find((m) => m.template === "update.answered")!;
    expect(answerMail.text).toContain("la collecte a été rattrapée");
    expect(answerMail.text).toContain("Youssef Benali");
    expect(answerMail.text).toContain("Réclamation fondée");

    await closeReport(v.coordinateur, { reportId: report.id });
    await reopenReport(v.coordinateur, { reportId: report.id, reason: "Le citizen signale que le problème persiste." });
    expect((await state(report.id)).status).toBe("routed");
    expect((await mailsTo(report.citizenEmail!)).map((m) => m.template)).toContain("update.reopened");
    const detail = await getStaffReport(v.coordinateur, report.id, "fr");
    expect(detail!.timeline.find((e) => e.type === "provide_information")!.internalNote).toBe("Devant le numéro 14.");
    // The public page shows the public steps only, never notes or penalties.
    const publicView = await getReportByTrackingNumber(report.trackingNumber, "fr");
    expect(publicView!.timeline.map((e) => e.type).sort()).toEqual([
      "answer",
      "ask_information",
      "close",
      "provide_information",
      "reopen",
      "route",
      "submit",
      "take",
    ]);
    // In the order they were written (the test's clock jumps back for the pause).
    const written = await handle.db.select({ type: reportEvents.type }).from(reportEvents).where(eq(reportEvents.reportId, report.id)).orderBy(reportEvents.id);
    expect(written.map((e) => e.type)).toEqual([
      "submit",
      "route",
      "take",
      "ask_information",
      "provide_information",
      "answer",
      "propose_penalty",
      "close",
      "reopen",
      "cancel_penalty",
    ]);
  });

  it("re-routes when the category changes, and refuses unknown categories", async () => {
    const report = await newReport(wasteCategory);
    await routeReports(v.coordinateur, { reportIds: [report.id], serviceId: wasteService, note: "" });
    await changeCategories(v.coordinateur, { reportId: report.id, categoryIds: [roadsCategory] });
    expect(await state(report.id)).toMatchObject({ status: "routed", serviceId: roadsService });
    await refusedWith(changeCategories(v.coordinateur, { reportId: report.id, categoryIds: [9999] }), /staff.errors.category_unknown/);
  });

  it("merges a duplicate: its citizen then receives the master's news, under their own number only", async () => {
    const master = await newReport(wasteCategory);
    const copy = await newReport(wasteCategory, { lat: 35.5723, lng: -5.3687 });
    const suggestions = await suggestDuplicates(v.coordinateur, copy.id);
    expect(suggestions.map((s) => s.id)).toContain(master.id);
    expect(suggestions.every((s) => s.distance <= 150)).toBe(true);
    await refusedWith(mergeDuplicate(v.coordinateur, { reportId: copy.id, masterId: copy.id }), /staff.errors.merge_self/);
    await mergeDuplicate(v.coordinateur, { reportId: copy.id, masterId: master.id });
    expect((await state(copy.id)).status).toBe("duplicate");
    // A merge is final: routing the copy would leave it routed and still merged.
    await refusedWith(routeReports(v.coordinateur, { reportIds: [copy.id], serviceId: wasteService, note: "" }), /staff.errors.transition_refused/);
    const mergedMail = (await mailsTo(copy.citizenEmail!)).find((m) => m.template === "update.merged")!;
    expect(mergedMail.text).toContain(`/track/${copy.trackingNumber}`);
    expect(mergedMail.text).not.toContain(master.trackingNumber);
    await routeReports(v.coordinateur, { reportIds: [master.id], serviceId: wasteService, note: "" });
    const news = (await mailsTo(copy.citizenEmail!)).filter((m) => m.template === "update.routed");
    expect(news).toHaveLength(1);
    // The master's news reaches the merged citizen with their own number and link: the other
    // citizen's number is that citizen's secret.
    expect(news[0].text).toContain(`/track/${copy.trackingNumber}`);
    expect(news[0].text + news[0].html + news[0].subject).not.toContain(master.trackingNumber);
    const { getReportByTrackingNumber } = await import("./reports");
    expect(await getReportByTrackingNumber(copy.trackingNumber, "fr")).toMatchObject({ trackingNumber: copy.trackingNumber, merged: true, status: "routed" });
  });

  it("declares spam inadmissible with a reason, which hides it", async () => {
    const report = await newReport(wasteCategory, { description: "Publicité pour un site de paris en ligne." });
    await declareInadmissible(v.coordinateur, { reportId: report.id, reason: "Publicité" });
    expect((await state(report.id)).status).toBe("inadmissible");
  });
});

describe("the timeline", () => {
  it("is append-only in the database itself", async () => {
    const report = await newReport(wasteCategory);
    await expect(handle.db.update(reportEvents).set({ publicMessage: "rewritten" }).where(eq(reportEvents.reportId, report.id))).rejects.toThrow();
    await expect(handle.db.delete(reportEvents).where(eq(reportEvents.reportId, report.id))).rejects.toThrow();
    expect((await state(report.id)).events).toBe(1);
    // Deleting a whole report (e.g. a GDPR erasure) still takes its events with it.
    await handle.db.execute(sql`delete from reports where id = ${report.id}`);
    const [left] = await handle.db.select({ n: count() }).from(reportEvents).where(eq(reportEvents.reportId, report.id));
    expect(left.n).toBe(0);
  });
});
