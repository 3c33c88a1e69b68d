import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, mails, penalties, reports, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import type { ReportInput } from "@/lib/domain/report-input";
import { feedbackOpen, submitFeedback } from "./feedback";
import { answerReport, routeReports } from "./report-workflow";
import { submitReport } from "./reports";
import { loadViewer } from "./staff-auth";
import { runTick } from "./tick";

let handle: DatabaseHandle;
const v: Record<string, Viewer> = {};
let category: { id: number; serviceId: number };

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  for (const u of await handle.db.select().from(users)) v[u.email.split("@")[0]] = (await loadViewer(u.id))!;
  [category] = await handle.db.select().from(categories).where(eq(categories.code, "dechets-non-collectes"));
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

let n = 0;
async function answered(outcome: "upheld" | "rejected", now = new Date()) {
  n++;
  const { trackingNumber } = await submitReport(
    {
      categoryIds: [category.id],
      lat: 35.5722,
      lng: -5.3686,
      address: undefined,
      description: "Les ordures débordent du conteneur.",
      anonymous: true,
      name: undefined,
      attachmentTokens: [],
      idempotencyKey: `feedback-test-${String(n).padStart(6, "0")}`,
      website: "",
    } as ReportInput,
    { locale: "fr", now },
  );
  const [r] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber));
  await routeReports(v.coordinateur, { reportIds: [r.id], serviceId: category.serviceId, note: "" }, now);
  await answerReport(
    v["agent.proprete"],
    { reportId: r.id, outcome, answer: "La collecte a été faite ce matin, merci de votre signalement.", reorientedTo: "" },
    now,
  );
  return r;
}

describe("feedback", () => {
  it("records a rating once per answer", async () => {
    const r = await answered("rejected");
    expect(await feedbackOpen(r.trackingNumber)).toBe(true);
    expect(await submitFeedback({ trackingNumber: r.trackingNumber, fixed: true, rating: 4, comment: "Merci" })).toEqual({ reopened: false });
    expect(await feedbackOpen(r.trackingNumber)).toBe(false);
    await expect(submitFeedback({ trackingNumber: r.trackingNumber, fixed: true, rating: 5, comment: "" })).rejects.toMatchObject({
      code: "tracking.feedback.errors.not_answered",
    });
  });

  it("sends a 'not fixed' back to the service, keeps the penalty, and tells the mayor's office", async () => {
    const r = await answered("upheld");
    expect(await submitFeedback({ trackingNumber: r.trackingNumber, fixed: false, rating: 1, comment: "Rien n'a changé" })).toEqual({ reopened: true });
    const [after] = await handle.db.select().from(reports).where(eq(reports.id, r.id));
    expect(after).toMatchObject({ status: "in_progress", outcome: "upheld" });
    expect((await handle.db.select().from(penalties).where(eq(penalties.reportId, r.id))).map((p) => p.state)).toEqual(["proposed"]);
    const told = await handle.db.select().from(mails).where(eq(mails.template, "staff.not_fixed"));
    expect(told.some((m) => m.to === "cabinet@demo.tetouan.ma" && m.text.includes(r.trackingNumber))).toBe(true);
  });

  it("closes answers without feedback after the city's delay", async () => {
    const r = await answered("rejected", new Date("2026-06-01T08:00:00Z"));
    const result = await runTick(new Date("2026-06-20T08:00:00Z"));
    expect(result.closed).toBeGreaterThanOrEqual(1);
    expect((await handle.db.select().from(reports).where(eq(reports.id, r.id)))[0].status).toBe("closed");
    await expect(submitFeedback({ trackingNumber: r.trackingNumber, fixed: true, rating: 5, comment: "" })).rejects.toMatchObject({
      code: "tracking.feedback.errors.not_answered",
    });
  });
});
