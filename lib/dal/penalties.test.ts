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
import { createUpload, readAttachmentForStaff } from "./attachments";
import { contestPenalty, decidePenalties, listPenalties } from "./penalties";
import { answerReport, reopenReport, routeReports } from "./report-workflow";
import { submitReport } from "./reports";
import { loadViewer } from "./staff-auth";
import { runTick } from "./tick";

let handle: DatabaseHandle;
const v: Record<string, Viewer> = {};
let wasteCategory: number;
let wasteService: number;
let wasteDelegate: number;
let busDelegate: number;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { reports: 0, log: () => {} });
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
const upheld = (reportId: string) => ({ reportId, outcome: "upheld" as const, answer: "Votre réclamation est fondée : la collecte a été rattrapée ce matin.", reorientedTo: "" });
const penaltiesOf = (reportId: string) => handle.db.select().from(penalties).where(eq(penalties.reportId, reportId));

describe("penalties", () => {
  it("proposes 500 MAD to the right delegate when a delegated complaint is upheld; contest, then the office confirms", async () => {
    const r = await routedWasteReport();
    await answerReport(v["agent.proprete"], upheld(r.id));
    const [p] = await penaltiesOf(r.id);
    expect(p).toMatchObject({ delegateId: wasteDelegate, amountMinor: 50000, currency: "MAD", state: "proposed" });

    await expect(contestPenalty(v["agent.proprete"], { penaltyId: p.id, text: "non" })).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    await expect(decidePenalties(v.delegataire, { penaltyIds: [p.id], decision: "confirm", reason: "" })).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    await expect(decidePenalties(v.coordinateur, { penaltyIds: [p.id], decision: "confirm", reason: "" })).rejects.toMatchObject({ code: expect.stringMatching(/^forbidden/) });
    await contestPenalty(v.delegataire, { penaltyId: p.id, text: "Le camion est passé à 6 h, voir le relevé GPS." });
    await expect(decidePenalties(v.cabinet, { penaltyIds: [p.id], decision: "waive", reason: "" })).rejects.toMatchObject({ code: "penalties.errors.reason_required" });
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
    await expect(contestPenalty(v.delegataire, { penaltyId: p.id, text: "trop tard" }, new Date(Date.now() + 16 * 86_400_000))).rejects.toMatchObject({ code: "penalties.errors.contest_too_late" });
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
      expect(rows.map((p) => [p.delegateId, p.state]).sort()).toEqual([
        [busDelegate, "proposed"],
        [wasteDelegate, "cancelled"],
      ].sort());
    } finally {
      await handle.db.update(services).set({ delegateId: wasteDelegate }).where(eq(services.id, wasteService));
    }
  });

  it("keeps the delegate's evidence with the penalty, for the office and the delegate only", async () => {
    useStorage(localStorage(await mkdtemp(path.join(os.tmpdir(), "erec-evidence-"))));
    const r = await routedWasteReport();
    await answerReport(v["agent.proprete"], upheld(r.id));
    const [p] = await penaltiesOf(r.id);
    const receipt = await createUpload({ bytes: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"), originalName: "releve-gps.pdf" });
    await contestPenalty(v.delegataire, { penaltyId: p.id, text: "Relevé GPS du camion joint : passage à 6 h 10.", attachmentTokens: [receipt.token] });
    const line = (await listPenalties(v.cabinet)).find((l) => l.id === p.id)!;
    expect(line.evidence.map((e) => e.name)).toEqual(["releve-gps.pdf"]);
    expect((await readAttachmentForStaff(v.cabinet, line.evidence[0].id, "display"))?.mimeType).toBe("application/pdf");
    expect((await readAttachmentForStaff(v.delegataire, line.evidence[0].id, "display"))?.name).toBe("releve-gps.pdf");
    await expect(readAttachmentForStaff(v["agent.proprete"], line.evidence[0].id, "display")).rejects.toMatchObject({ code: "forbidden:penalty" });
  });
});
