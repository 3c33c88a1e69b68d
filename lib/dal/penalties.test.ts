import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, delegates, penalties, reports, services, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import type { ReportInput } from "@/lib/domain/report-input";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { localStorage } from "@/lib/storage/local";
import { useStorage } from "@/lib/storage";
import { attachments, reportEvents } from "@/db/schema";
import { delegateAccountInputSchema } from "@/lib/domain/staff-input";
import { createUpload, readAttachmentForPublic, readAttachmentForStaff } from "./attachments";
import { contestPenalty, decidePenalties, listPenalties } from "./penalties";
import {
  addInternalNote,
  answerReport,
  askForInformation,
  giveDelegateAccount,
  provideInformation,
  reopenReport,
  routeReports,
  takeReport,
} from "./report-workflow";
import { getReportByTrackingNumber, submitReport } from "./reports";
import { getStaffReport } from "./staff-reports";
import { loadViewer } from "./staff-auth";
import { runTick } from "./tick";
import { DAY_MS } from "@/lib/domain/time";

let handle: DatabaseHandle;
const v: Record<string, Viewer> = {};
let wasteCategory: number;
let wasteService: number;
let wasteDelegate: number;
let busDelegate: number;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  for (const u of await handle.db.select().from(users)) v[u.email.split("@")[0]] = (await loadViewer(u.id))!;
  const [cat] = await handle.db.select().from(categories).where(eq(categories.code, "dechets-non-collectes"));
  wasteCategory = cat.id;
  wasteService = cat.serviceId;
  wasteDelegate = (await handle.db.select().from(delegates).where(eq(delegates.code, "proprete-tetouan")))[0].id;
  busDelegate = (await handle.db.select().from(delegates).where(eq(delegates.code, "bus-tetouan")))[0].id;
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

let n = 0;
async function routedWasteReport(now = new Date()) {
  n++;
  const { trackingNumber } = await submitReport(
    {
      categoryIds: [wasteCategory],
      lat: 35.5722,
      lng: -5.3686,
      address: undefined,
      description: "Les ordures ne sont pas ramassées depuis trois jours.",
      anonymous: true,
      name: undefined,
      attachmentTokens: [],
      idempotencyKey: `penalty-test-${String(n).padStart(8, "0")}`,
      website: "",
    } as ReportInput,
    { locale: "fr", now },
  );
  const [r] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber));
  await routeReports(v.coordinateur, { reportIds: [r.id], serviceId: wasteService, note: "" }, new Date(now.getTime() + 60_000));
  return r;
}
const upheld = (reportId: string) => ({
  reportId,
  outcome: "upheld" as const,
  answer: "Votre réclamation est fondée : la collecte a été rattrapée ce matin.",
  reorientedTo: "",
});
const penaltiesOf = (reportId: string) => handle.db.select().from(penalties).where(eq(penalties.reportId, reportId));

describe("penalties", () => {
  it("proposes 500 MAD to the right delegate when a delegated complaint is upheld; contest, then the office confirms", async () => {
    const r = await routedWasteReport();
    await answerReport(v["agent.proprete"], upheld(r.id));
    const [p] = await penaltiesOf(r.id);
    expect(p).toMatchObject({ delegateId: wasteDelegate, amountMinor: 50000, currency: "MAD", state: "proposed" });

    await expect(contestPenalty(v["agent.proprete"], { penaltyId: p.id, text: "non" })).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    await expect(decidePenalties(v.delegataire, { penaltyIds: [p.id], decision: "confirm", reason: "" })).rejects.toMatchObject({
      code: expect.stringMatching(/^forbidden/),
    });
    await expect(decidePenalties(v.coordinateur, { penaltyIds: [p.id], decision: "confirm", reason: "" })).rejects.toMatchObject({
      code: expect.stringMatching(/^forbidden/),
    });
    await contestPenalty(v.delegataire, { penaltyId: p.id, text: "Le camion est passé à 6 h, voir le relevé GPS." });
    await expect(decidePenalties(v.cabinet, { penaltyIds: [p.id], decision: "waive", reason: "" })).rejects.toMatchObject({
      code: "penalties.errors.reason_required",
    });
    await decidePenalties(v.cabinet, { penaltyIds: [p.id], decision: "confirm", reason: "" });
    expect((await penaltiesOf(r.id))[0]).toMatchObject({ state: "confirmed", contestText: "Le camion est passé à 6 h, voir le relevé GPS." });
    const ledger = await listPenalties(v.cabinet, { delegateId: wasteDelegate });
    expect(ledger.find((l) => l.id === p.id)).toMatchObject({ state: "confirmed", trackingNumber: r.trackingNumber, decidedBy: "Rachid Tazi" });
    // A delegate sees only its own penalties.
    expect((await listPenalties(v.delegataire)).every((l) => l.delegateId === wasteDelegate)).toBe(true);
    await expect(listPenalties(v["agent.proprete"])).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
  });

  it("cancels the penalty when the report is reopened, and proposes it again on a new upheld answer — never two", async () => {
    const r = await routedWasteReport();
    await answerReport(v["agent.proprete"], upheld(r.id));
    await reopenReport(v.coordinateur, { reportId: r.id, reason: "Le citoyen dit que rien n'a changé." });
    expect((await penaltiesOf(r.id)).map((p) => p.state)).toEqual(["cancelled"]);
    await answerReport(v["agent.proprete"], { ...upheld(r.id), outcome: "rejected" });
    expect((await penaltiesOf(r.id)).map((p) => p.state)).toEqual(["cancelled"]);
    await reopenReport(v.coordinateur, { reportId: r.id, reason: "Nouvelle vérification." });
    await answerReport(v["agent.proprete"], upheld(r.id));
    expect((await penaltiesOf(r.id)).map((p) => p.state)).toEqual(["proposed"]);
  });

  it("lets a late contest fail with a clear error", async () => {
    const r = await routedWasteReport();
    await answerReport(v["agent.proprete"], upheld(r.id));
    const [p] = await penaltiesOf(r.id);
    await expect(contestPenalty(v.delegataire, { penaltyId: p.id, text: "trop tard" }, new Date(Date.now() + 16 * DAY_MS))).rejects.toMatchObject({
      code: "penalties.errors.contest_too_late",
    });
  });

  it("counts acceptance by silence as upheld", async () => {
    // "Ordures non collectées": 7 calendar days, silence means acceptance.
    const r = await routedWasteReport(new Date("2026-10-01T08:00:00Z"));
    await runTick(new Date("2026-10-20T08:00:00Z"));
    const [after] = await handle.db.select().from(reports).where(eq(reports.id, r.id));
    expect(after).toMatchObject({ status: "answered", outcome: "upheld" });
    expect((await penaltiesOf(r.id)).map((p) => [p.state, p.delegateId])).toEqual([["proposed", wasteDelegate]]);
  });

  it("moves the penalty when the service changed delegate before the new answer", async () => {
    const r = await routedWasteReport();
    await answerReport(v["agent.proprete"], upheld(r.id));
    await handle.db.update(services).set({ delegateId: busDelegate }).where(eq(services.id, wasteService));
    try {
      await reopenReport(v.coordinateur, { reportId: r.id, reason: "Nouvel examen." });
      await answerReport(v["agent.proprete"], upheld(r.id));
      const rows = await penaltiesOf(r.id);
      expect(rows.map((p) => [p.delegateId, p.state]).sort()).toEqual(
        [
          [busDelegate, "proposed"],
          [wasteDelegate, "cancelled"],
        ].sort(),
      );
    } finally {
      await handle.db.update(services).set({ delegateId: wasteDelegate }).where(eq(services.id, wasteService));
    }
  });

  it("keeps the delegate's evidence with the penalty, for the office and the delegate only", async () => {
    useStorage(localStorage(await mkdtemp(path.join(os.tmpdir(), "erec-evidence-"))));
    const r = await routedWasteReport();
    await answerReport(v["agent.proprete"], upheld(r.id));
    const [p] = await penaltiesOf(r.id);
    const receipt = await createUpload({
      bytes: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"),
      originalName: "releve-gps.pdf",
    });
    await contestPenalty(v.delegataire, { penaltyId: p.id, text: "Relevé GPS du camion joint : passage à 6 h 10.", attachmentTokens: [receipt.token] });
    const line = (await listPenalties(v.cabinet)).find((l) => l.id === p.id)!;
    expect(line.evidence.map((e) => e.name)).toEqual(["releve-gps.pdf"]);
    expect((await readAttachmentForStaff(v.cabinet, line.evidence[0].id, "display"))?.mimeType).toBe("application/pdf");
    expect((await readAttachmentForStaff(v.delegataire, line.evidence[0].id, "display"))?.name).toBe("releve-gps.pdf");
    await expect(readAttachmentForStaff(v["agent.proprete"], line.evidence[0].id, "display")).rejects.toMatchObject({ code: "forbidden:penalty" });
  });

  it("a delegate answers for the facts, the city decides: it cannot take, ask, note or answer a complaint about its own service", async () => {
    const r = await routedWasteReport();
    await answerReport(v["agent.proprete"], upheld(r.id));
    const [proposed] = await penaltiesOf(r.id);
    expect(proposed.state).toBe("proposed");
    // Re-answering "rejected" would cancel its own fine: refused, and nothing changes.
    await expect(answerReport(v.delegataire, { ...upheld(r.id), outcome: "rejected" })).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    expect((await penaltiesOf(r.id))[0].state).toBe("proposed");
    const fresh = await routedWasteReport();
    for (const attempt of [
      () => takeReport(v.delegataire, { reportId: fresh.id }),
      () => askForInformation(v.delegataire, { reportId: fresh.id, question: "Pouvez-vous préciser l'adresse exacte ?" }),
      () => addInternalNote(v.delegataire, { reportId: fresh.id, note: "vu" }),
      () => answerReport(v.delegataire, upheld(fresh.id)),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    }
    const view = (await getStaffReport(v.delegataire, fresh.id, "fr"))!;
    // Only its account of the facts: nothing that moves or decides the report.
    expect(view.actions).toEqual(["give_account"]);
    expect(view.canNote).toBe(false);
    expect(view.canGiveAccount).toBe(true);
    expect(view.trackingNumber).toBeNull();
    expect(view.contact).toBeNull();
  });

  it("a delegate's account of the facts, with its evidence, reaches the city and never the public", async () => {
    useStorage(localStorage(await mkdtemp(path.join(os.tmpdir(), "erec-account-"))));
    const r = await routedWasteReport();
    const receipt = await createUpload({
      bytes: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"),
      originalName: "bon-de-passage.pdf",
    });
    const input = delegateAccountInputSchema.parse({
      reportId: r.id,
      account: "Collecte rattrapée le lendemain, photo du conteneur vidé jointe.",
      doneOn: "2026-11-30",
      attachmentTokens: [receipt.token],
    });
    await giveDelegateAccount(v.delegataire, input);
    await expect(giveDelegateAccount(v["agent.proprete"], input)).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    const staffView = (await getStaffReport(v["agent.proprete"], r.id, "fr"))!;
    const event = staffView.timeline.find((e) => e.type === "give_account")!;
    expect(event).toMatchObject({ actorRole: "delegate", doneOn: "2026-11-30", internalNote: expect.stringContaining("Collecte rattrapée") });
    const file = staffView.attachments.find((a) => a.name === "bon-de-passage.pdf")!;
    expect(file.source).toBe("delegate");
    expect((await readAttachmentForStaff(v["agent.proprete"], file.id, "display"))?.mimeType).toBe("application/pdf");
    // The citizen's page lists only the citizen's own files, and will not serve the delegate's.
    expect((await getReportByTrackingNumber(r.trackingNumber, "fr"))!.attachments).toEqual([]);
    expect(await readAttachmentForPublic(file.id, r.trackingNumber)).toBeNull();
    expect(delegateAccountInputSchema.safeParse({ ...input, attachmentTokens: [], doneOn: "2999-01-01" }).success).toBe(false);
    expect(delegateAccountInputSchema.safeParse({ ...input, attachmentTokens: [], doneOn: "2026-02-30" }).success).toBe(false);
    expect(delegateAccountInputSchema.safeParse({ ...input, attachmentTokens: [], account: "court" }).success).toBe(false);
  });

  it("evidence is never swept: a contest's and an account's files are still there after the next days' ticks", async () => {
    useStorage(localStorage(await mkdtemp(path.join(os.tmpdir(), "erec-sweep-"))));
    const r = await routedWasteReport();
    await answerReport(v["agent.proprete"], upheld(r.id));
    const [p] = await penaltiesOf(r.id);
    const pdf = (name: string) =>
      createUpload({
        bytes: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"),
        originalName: name,
      });
    const contestFile = await pdf("releve.pdf");
    const accountFile = await pdf("compte-rendu.pdf");
    const abandoned = await pdf("abandonne.pdf");
    await contestPenalty(v.delegataire, { penaltyId: p.id, text: "Le camion est passé, relevé joint.", attachmentTokens: [contestFile.token] });
    await giveDelegateAccount(v.delegataire, {
      reportId: r.id,
      account: "Passage du camion à 6 h, relevé joint.",
      doneOn: null,
      attachmentTokens: [accountFile.token],
    });
    const tomorrow = new Date(Date.now() + 2 * DAY_MS);
    await runTick(tomorrow);
    await runTick(new Date(tomorrow.getTime() + DAY_MS));
    const kept = await handle.db.select({ token: attachments.claimToken }).from(attachments);
    const tokens = kept.map((k) => k.token);
    expect(tokens).toContain(contestFile.token);
    expect(tokens).toContain(accountFile.token);
    expect(tokens).not.toContain(abandoned.token);
    const line = (await listPenalties(v.cabinet)).find((l) => l.id === p.id)!;
    expect((await readAttachmentForStaff(v.cabinet, line.evidence[0].id, "display"))?.name).toBe("releve.pdf");
    const events = await handle.db.select().from(reportEvents).where(eq(reportEvents.reportId, r.id));
    expect(events.some((e) => e.type === "give_account")).toBe(true);
  });

  it("what the citizen sends later with a reply to the city is for the city's staff, not the delegate", async () => {
    useStorage(localStorage(await mkdtemp(path.join(os.tmpdir(), "erec-reply-"))));
    const r = await routedWasteReport();
    await askForInformation(v["agent.proprete"], { reportId: r.id, question: "Pouvez-vous joindre le courrier reçu ?" });
    const letter = await createUpload({
      bytes: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"),
      originalName: "courrier.pdf",
    });
    await provideInformation({ trackingNumber: r.trackingNumber, reply: "Voici le courrier, avec mon adresse complète.", attachmentTokens: [letter.token] });
    const agentView = (await getStaffReport(v["agent.proprete"], r.id, "fr"))!;
    const file = agentView.attachments.find((a) => a.name === "courrier.pdf")!;
    expect(file).toBeDefined();
    expect((await readAttachmentForStaff(v["agent.proprete"], file.id, "display"))?.name).toBe("courrier.pdf");
    expect((await getStaffReport(v.delegataire, r.id, "fr"))!.attachments.map((a) => a.name)).not.toContain("courrier.pdf");
    await expect(readAttachmentForStaff(v.delegataire, file.id, "display")).rejects.toMatchObject({ code: "forbidden:report" });
    // The citizen still sees their own file on the tracking page.
    expect((await getReportByTrackingNumber(r.trackingNumber, "fr"))!.attachments.map((a) => a.name)).toContain("courrier.pdf");
  });
});
