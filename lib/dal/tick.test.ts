import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, mails, reportEvents, reports, services, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { ReportInput } from "@/lib/domain/report-input";
import type { Command } from "@/lib/domain/workflow";
import { routeReports } from "./report-workflow";
import { submitReport } from "./reports";
import { loadViewer } from "./staff-auth";
import { runTick } from "./tick";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

async function fileAndRoute(code: string, submittedAt: Date, email: string) {
  const [cat] = await handle.db.select().from(categories).where(eq(categories.code, code));
  const { trackingNumber } = await submitReport(
    {
      categoryIds: [cat.id],
      lat: 35.5722,
      lng: -5.3686,
      address: undefined,
      description: "Un nid-de-poule profond au milieu de la chaussée depuis des semaines.",
      anonymous: false,
      name: "Test",
      email,
      attachmentTokens: [],
      idempotencyKey: `tick-${email.replace(/\W/g, "")}-0000`,
      website: "",
    } as ReportInput,
    { locale: "fr", now: submittedAt },
  );
  const [report] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber));
  const [coordinator] = await handle.db.select().from(users).where(eq(users.role, "coordinator"));
  await routeReports(
    await loadViewer(coordinator.id),
    { reportIds: [report.id], serviceId: cat.serviceId, note: "" },
    new Date(submittedAt.getTime() + 3_600_000),
  );
  return report;
}

const eventsOf = async (id: string, type: Command) =>
  (
    await handle.db
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, id), eq(reportEvents.type, type)))
  ).length;

describe("runTick", () => {
  it("reminds once, applies the silence rule once, and a second run changes nothing", async () => {
    // "Nid-de-poule": 30 calendar days, silence means rejection.
    const submittedAt = new Date("2026-09-01T08:00:00Z");
    const report = await fileAndRoute("nid-de-poule", submittedAt, "tick.citizen@example.org");
    const [voirie] = await handle.db.select().from(services).where(eq(services.code, "voirie"));

    const day25 = new Date("2026-09-26T08:00:00Z");
    const first = await runTick(day25);
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(report.id, "remind")).toBe(1);
    const reminderMails = await handle.db.select().from(mails).where(eq(mails.template, "staff.reminder"));
    expect(reminderMails.map((m) => m.to)).toContain(voirie.email);
    expect(reminderMails.some((m) => m.text.includes(report.trackingNumber))).toBe(true);

    const again = await runTick(day25);
    expect(again).toMatchObject({ reminders: 0, escalations: 0, silences: 0, mails: 0 });

    const afterDue = new Date("2026-10-02T08:00:00Z");
    const late = await runTick(afterDue);
    expect(late.silences).toBeGreaterThanOrEqual(1);
    const [answered] = await handle.db.select().from(reports).where(eq(reports.id, report.id));
    expect(answered).toMatchObject({ status: "answered", outcome: "rejected" });
    expect(await eventsOf(report.id, "apply_silence")).toBe(1);
    const citizenMail = await handle.db.select().from(mails).where(eq(mails.to, "tick.citizen@example.org"));
    expect(citizenMail.find((m) => m.template === "update.answered")!.text).toContain("le silence de la commune vaut rejet");

    expect(await runTick(afterDue)).toMatchObject({ reminders: 0, escalations: 0, silences: 0 });
    expect(await eventsOf(report.id, "apply_silence")).toBe(1);
  });

  it("escalates a late report to the coordinators once when silence means nothing", async () => {
    // "Dépôt sauvage": 15 calendar days, no silence rule.
    const report = await fileAndRoute("depot-sauvage", new Date("2026-08-01T08:00:00Z"), "tick.two@example.org");
    const result = await runTick(new Date("2026-08-25T08:00:00Z"));
    expect(result.escalations).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(report.id, "escalate_response")).toBe(1);
    const [coordinator] = await handle.db.select().from(users).where(eq(users.role, "coordinator"));
    const escalation = await handle.db
      .select()
      .from(mails)
      .where(and(eq(mails.template, "staff.escalation"), eq(mails.to, coordinator.email)));
    expect(escalation.some((m) => m.text.includes(report.trackingNumber))).toBe(true);
    await runTick(new Date("2026-08-26T08:00:00Z"));
    expect(await eventsOf(report.id, "escalate_response")).toBe(1);
  });

  it("writes each member of staff's digest in their language, and a service's mailbox in the city's", async () => {
    const report = await fileAndRoute("depot-sauvage", new Date("2026-07-01T08:00:00Z"), "tick.three@example.org");
    const [coordinator] = await handle.db.select().from(users).where(eq(users.role, "coordinator"));
    await handle.db.update(users).set({ locale: "ar" }).where(eq(users.id, coordinator.id));
    try {
      await runTick(new Date("2026-07-25T08:00:00Z"));
      const [digest] = await handle.db
        .select()
        .from(mails)
        .where(and(eq(mails.template, "staff.escalation"), eq(mails.to, coordinator.email), eq(mails.locale, "ar")));
      expect(digest?.text).toContain(report.trackingNumber);
      expect(digest.text).toMatch(/[\u0600-\u06FF]/);
    } finally {
      await handle.db.update(users).set({ locale: null }).where(eq(users.id, coordinator.id));
    }
  });
});
