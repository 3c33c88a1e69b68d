import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { attachments, categories, mails, reportEvents, reports, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import type { ReportInput } from "@/lib/domain/report-input";
import type { ReportStatusName } from "@/lib/domain/types";
import { useStorage } from "@/lib/storage";
import { localStorage } from "@/lib/storage/local";
import { createUpload } from "./attachments";
import { anonymiseCitizen, anonymiseExpiredReports } from "./privacy";
import { submitReport } from "./reports";
import { loadViewer } from "./staff-auth";
import { runTick } from "./tick";

let handle: DatabaseHandle;
let root: string;
let categoryId: number;
const v: Record<string, Viewer> = {};
const NOW = new Date("2026-11-23T10:00:00Z");

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  for (const u of await handle.db.select().from(users)) v[u.role!] = (await loadViewer(u.id))!;
  categoryId = (await handle.db.select().from(categories).where(eq(categories.code, "depot-sauvage")))[0].id;
  root = await mkdtemp(path.join(os.tmpdir(), "erec-privacy-"));
  useStorage(localStorage(root));
}, 60_000);

afterAll(async () => {
  await handle?.close();
  await rm(root, { recursive: true, force: true });
});

let n = 0;
/** A report by a named citizen with a geotagged photo and its acknowledgement mail. */
async function reportBy(contact: { name: string; email?: string; phone?: string }, state: { status: ReportStatusName; endedAt: Date; closedAt?: Date | null }) {
  n++;
  const photo = await sharp({ create: { width: 80, height: 60, channels: 3, background: "#456" } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 34/1 4422/100", GPSLongitudeRef: "W", GPSLongitude: "5/1 22/1 624/100" } })
    .toBuffer();
  const upload = await createUpload({ bytes: photo, originalName: "rue.jpg" });
  const submitted = await submitReport(
    {
      categoryIds: [categoryId],
      lat: 35.5722,
      lng: -5.3686,
      address: "Rue Lucas",
      description: "Gravats abandonnés devant l'école depuis deux semaines.",
      anonymous: false,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      attachmentTokens: [upload.token],
      idempotencyKey: `privacy-test-key-${String(n).padStart(6, "0")}`,
      website: "",
    } as ReportInput,
    { locale: "fr" },
  );
  const { trackingNumber } = submitted;
  const [row] = await handle.db
    .update(reports)
    .set({
      status: state.status,
      closedAt: state.closedAt !== undefined ? state.closedAt : state.status === "closed" ? state.endedAt : null,
      updatedAt: state.endedAt,
    })
    .where(eq(reports.trackingNumber, trackingNumber))
    .returning();
  const [file] = await handle.db.select().from(attachments).where(eq(attachments.reportId, row.id));
  return { id: row.id, originalKey: file.originalKey!, displayKey: file.storageKey };
}

const reportRow = async (id: string) => (await handle.db.select().from(reports).where(eq(reports.id, id)))[0];
const mailsOf = (id: string) => handle.db.select().from(mails).where(eq(mails.reportId, id));
const root_ = () => localStorage(root);

describe("retention", () => {
  it("erases the contact data, mails and originals of reports ended before the retention, and nothing else", async () => {
    const old = await reportBy(
      { name: "Amina Tazi", email: "amina.tazi@example.org", phone: "0661 23 45 67" },
      { status: "closed", endedAt: new Date("2024-10-01T00:00:00Z") },
    );
    const oldRejected = await reportBy(
      { name: "Omar Fassi", email: "omar@example.org" },
      { status: "inadmissible", endedAt: new Date("2023-01-01T00:00:00Z") },
    );
    const recent = await reportBy({ name: "Leila Naciri", email: "leila@example.org" }, { status: "closed", endedAt: new Date("2025-06-01T00:00:00Z") });
    const stillOpen = await reportBy({ name: "Karim Alaoui", email: "karim@example.org" }, { status: "routed", endedAt: new Date("2020-01-01T00:00:00Z") });
    const before = await reportRow(old.id);

    expect(await anonymiseExpiredReports(NOW, 24)).toBe(2);

    for (const erased of [old, oldRejected]) {
      const r = await reportRow(erased.id);
      expect([r.citizenName, r.citizenEmail, r.citizenPhone]).toEqual([null, null, null]);
      expect(r.anonymisedAt?.toISOString()).toBe(NOW.toISOString());
      const sent = await mailsOf(erased.id);
      expect(sent.length).toBeGreaterThan(0);
      for (const m of sent) expect([m.to, m.text, m.html]).toEqual(["[anonymised]", "", ""]);
      expect(await root_().get(erased.originalKey)).toBeNull();
      expect(await root_().get(erased.displayKey)).not.toBeNull();
      const [file] = await handle.db.select().from(attachments).where(eq(attachments.reportId, erased.id));
      expect(file.originalKey).toBeNull();
      const events = await handle.db.select().from(reportEvents).where(eq(reportEvents.reportId, erased.id));
      expect(events.filter((e) => e.type === "anonymise")).toHaveLength(1);
    }
    // The report itself is kept: content and statistics.
    const kept = await reportRow(old.id);
    expect([kept.description, kept.status, kept.trackingNumber, kept.closedAt?.toISOString()]).toEqual([
      before.description,
      "closed",
      before.trackingNumber,
      before.closedAt?.toISOString(),
    ]);

    for (const untouched of [recent, stillOpen]) {
      const r = await reportRow(untouched.id);
      expect(r.citizenEmail).not.toBeNull();
      expect(r.anonymisedAt).toBeNull();
      expect((await mailsOf(untouched.id))[0].to).toContain("@example.org");
      expect(await root_().get(untouched.originalKey)).not.toBeNull();
    }
    // Idempotent.
    expect(await anonymiseExpiredReports(NOW, 24)).toBe(0);
    // A shorter retention reaches the recent one.
    expect(await anonymiseExpiredReports(NOW, 12)).toBe(1);
    expect((await reportRow(recent.id)).citizenEmail).toBeNull();
    expect((await reportRow(stillOpen.id)).citizenEmail).toBe("karim@example.org");
  });

  it("is run by the tick, with the retention of the environment (24 months by default)", async () => {
    const old = await reportBy({ name: "Hajar Bennani", email: "hajar@example.org" }, { status: "closed", endedAt: new Date("2024-11-01T00:00:00Z") });
    const notYet = await reportBy({ name: "Ilyas Berrada", email: "ilyas@example.org" }, { status: "closed", endedAt: new Date("2024-12-01T00:00:00Z") });
    const result = await runTick(NOW);
    expect(result.anonymised).toBe(1);
    expect((await reportRow(old.id)).citizenEmail).toBeNull();
    expect((await reportRow(notYet.id)).citizenEmail).toBe("ilyas@example.org");
  });
});

describe("when a report ended", () => {
  it("is its closing (or its last change when no closing is recorded), for closed, duplicate and inadmissible reports only", async () => {
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const due = [
      await reportBy({ name: "Rim Alami", email: "rim@example.org" }, { status: "closed", endedAt: day("2024-11-22") }),
      await reportBy({ name: "Saad Kettani", email: "saad@example.org" }, { status: "closed", endedAt: day("2021-05-05"), closedAt: null }),
      await reportBy({ name: "Mina Sqalli", email: "mina@example.org" }, { status: "duplicate", endedAt: day("2020-01-01") }),
    ];
    const kept = [
      // Closed one day after the cutoff (2024-11-23, 24 months before NOW).
      await reportBy({ name: "Adil Berrada", email: "adil@example.org" }, { status: "closed", endedAt: day("2024-11-24") }),
      // Still open, however old: the city still owes an answer.
    ];
    for (const status of ["submitted", "routed", "in_progress", "needs_info", "answered"] as const) {
      kept.push(await reportBy({ name: `Ouvert ${status}`, email: `${status}@example.org` }, { status, endedAt: day("2020-01-01") }));
    }
    expect(await anonymiseExpiredReports(NOW, 24)).toBe(due.length);
    for (const r of due) expect((await reportRow(r.id)).citizenEmail).toBeNull();
    for (const r of kept) expect((await reportRow(r.id)).citizenEmail).not.toBeNull();
  });
});

describe("anonymising a citizen on request", () => {
  it("is refused to everyone but an administrator, and changes nothing then", async () => {
    const r = await reportBy({ name: "Nabil Chraibi", email: "nabil@example.org" }, { status: "routed", endedAt: NOW });
    for (const role of ["coordinator", "agent", "mayor_office", "delegate"] as const) {
      await expect(anonymiseCitizen(v[role], "nabil@example.org", NOW)).rejects.toMatchObject({ code: "forbidden:admin" });
    }
    await expect(anonymiseCitizen(null, "nabil@example.org", NOW)).rejects.toMatchObject({ code: "forbidden:admin" });
    expect((await reportRow(r.id)).citizenEmail).toBe("nabil@example.org");
  });

  it("finds every report of the citizen by email or by phone as typed, open or ended", async () => {
    const a = await reportBy({ name: "Salma Idrissi", email: "Salma.Idrissi@example.org", phone: "+212 6 61 00 11 22" }, { status: "routed", endedAt: NOW });
    const b = await reportBy({ name: "Salma I.", phone: "+212-661-001122" }, { status: "closed", endedAt: new Date("2026-10-01T00:00:00Z") });
    const other = await reportBy({ name: "Yassine", email: "yassine@example.org", phone: "0600000000" }, { status: "routed", endedAt: NOW });
    await expect(anonymiseCitizen(v.admin, "Salma", NOW)).rejects.toMatchObject({ code: "admin.errors.contact_invalid" });
    expect(await anonymiseCitizen(v.admin, "+212 661 00 11 22", NOW)).toBe(2);
    for (const id of [a.id, b.id]) {
      const r = await reportRow(id);
      expect([r.citizenName, r.citizenEmail, r.citizenPhone]).toEqual([null, null, null]);
      const [event] = (await handle.db.select().from(reportEvents).where(eq(reportEvents.reportId, id))).filter((e) => e.type === "anonymise");
      expect(event).toMatchObject({ actorRole: "admin", actorUserId: v.admin.id, data: { reason: "request" } });
    }
    expect((await reportRow(other.id)).citizenName).toBe("Yassine");
    expect(await anonymiseCitizen(v.admin, "nobody@example.org", NOW)).toBe(0);
  });
});
