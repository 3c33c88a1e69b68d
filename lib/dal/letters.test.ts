import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { categories, letters, mails, reports, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import type { ReportInput } from "@/lib/domain/report-input";
import { useMailTransport, type OutgoingMail } from "@/lib/mail";
import type { MailAttachment } from "@/lib/mail/types";
import { acknowledgementLetterFor, lettersForStaff, lettersForTracking, readLetterForCitizen, readLetterForStaff, verifyLetter } from "./letters";
import { deliverMail } from "./mails";
import { anonymiseCitizen } from "./privacy";
import { answerReport, routeReports, takeReport } from "./report-workflow";
import { submitReport } from "./reports";
import { loadViewer } from "./staff-auth";

let handle: DatabaseHandle;
const v: Record<string, Viewer> = {};
let wasteCategory: number;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  for (const u of await handle.db.select().from(users)) v[u.email.split("@")[0]] = (await loadViewer(u.id))!;
  wasteCategory = (await handle.db.select().from(categories)).find((c) => c.code === "dechets-non-collectes")!.id;
}, 60_000);

afterAll(async () => {
  useMailTransport(undefined);
  await handle?.close();
});

let n = 0;
async function answered(locale: "fr" | "ar" = "fr") {
  n++;
  const { trackingNumber } = await submitReport(
    {
      categoryIds: [wasteCategory],
      lat: 35.5722,
      lng: -5.3686,
      address: "Rue Lucas",
      description: "Les ordures ne sont pas ramassées depuis trois jours dans la rue.",
      anonymous: false,
      name: "Fatima Zahra El Alaoui",
      email: `letters${n}@example.org`,
      attachmentTokens: [],
      idempotencyKey: `letters-test-key-${String(n).padStart(6, "0")}`,
      website: "",
    } as ReportInput,
    { locale },
  );
  const [report] = await handle.db.select().from(reports).where(eq(reports.trackingNumber, trackingNumber));
  await routeReports(v.coordinateur, { reportIds: [report.id], serviceId: report.serviceId, note: "" });
  await takeReport(v["agent.proprete"], { reportId: report.id });
  await answerReport(v["agent.proprete"], { reportId: report.id, outcome: "upheld", answer: "Le conteneur a été vidé ce matin.", reorientedTo: "" });
  return report;
}

describe("letters", () => {
  it("an answer issues its letter once, in its transaction, and the answer mail carries it as a PDF", async () => {
    const report = await answered();
    const rows = await handle.db.select().from(letters).where(eq(letters.reportId, report.id));
    expect(rows).toHaveLength(1);
    const [letter] = rows;
    expect(letter.kind).toBe("answer");
    expect(letter.eventId).not.toBeNull();
    expect(letter.pdf?.subarray(0, 5).toString()).toBe("%PDF-");
    expect(letter.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const [mail] = await handle.db
      .select()
      .from(mails)
      .where(and(eq(mails.reportId, report.id), eq(mails.template, "update.answered")));
    expect(mail.letterId).toBe(letter.id);
    expect(mail.text).toContain("La lettre de réponse signée est jointe");
    const sent: (OutgoingMail & { attachments?: MailAttachment[] })[] = [];
    useMailTransport({
      kind: "outbox",
      async deliver(m) {
        sent.push(m);
        return { providerId: null };
      },
    });
    expect(await deliverMail(mail.id, { retryCount: 0, retryLimit: 3 })).toBe("sent");
    expect(sent[0].attachments).toHaveLength(1);
    expect(sent[0].attachments![0].contentType).toBe("application/pdf");
    expect(sent[0].attachments![0].content.equals(letter.pdf!)).toBe(true);
    expect(sent[0].attachments![0].filename).toContain(letter.code);
  });

  it("never changes once issued: no update, no delete (the trigger)", async () => {
    const report = await answered();
    const [letter] = await handle.db.select().from(letters).where(eq(letters.reportId, report.id));
    await expect(handle.db.update(letters).set({ object: "autre chose" }).where(eq(letters.id, letter.id))).rejects.toThrow();
    await expect(
      handle.db
        .update(letters)
        .set({ pdf: Buffer.from("%PDF-forged") })
        .where(eq(letters.id, letter.id)),
    ).rejects.toThrow();
    await expect(handle.db.delete(letters).where(eq(letters.id, letter.id))).rejects.toThrow();
    const [after] = await handle.db.select().from(letters).where(eq(letters.id, letter.id));
    expect(after.pdf!.equals(letter.pdf!)).toBe(true);
  });

  it("is downloaded by its tracking number's holder, by the city's staff in reach, never by a delegate nor with another number", async () => {
    const report = await answered();
    const other = await answered();
    const [letter] = await handle.db.select().from(letters).where(eq(letters.reportId, report.id));
    expect((await readLetterForCitizen(letter.id, report.trackingNumber))?.bytes.equals(letter.pdf!)).toBe(true);
    expect(await readLetterForCitizen(letter.id, other.trackingNumber)).toBeNull();
    expect((await readLetterForStaff(v["agent.proprete"], letter.id))?.name).toMatch(/\.pdf$/);
    await expect(readLetterForStaff(v["agent.voirie"], letter.id)).rejects.toThrow(/forbidden/);
    await expect(readLetterForStaff(v.delegataire, letter.id)).rejects.toThrow(/forbidden/);
    await expect(readLetterForStaff(null, letter.id)).rejects.toThrow(/forbidden/);
    expect(await lettersForStaff(v.cabinet, report.id)).toHaveLength(1);
    expect((await lettersForTracking(report.trackingNumber)).map((l) => l.kind)).toEqual(["answer"]);
  });

  it("its code opens the date, service and object only — never the tracking number nor the citizen", async () => {
    const report = await answered();
    const [letter] = await handle.db.select().from(letters).where(eq(letters.reportId, report.id));
    const typed = letter.code.toLowerCase().replaceAll("-", " ").replaceAll("0", "o");
    const seen = await verifyLetter(typed, "fr");
    expect(seen).toMatchObject({ kind: "answer", service: expect.stringContaining("ropreté"), object: expect.stringContaining("réponse") });
    const shown = JSON.stringify(seen);
    expect(shown).not.toContain(report.trackingNumber);
    expect(shown).not.toContain("Alaoui");
    expect(shown).not.toContain("@example.org");
    expect(await verifyLetter("ZZZZ-ZZZZ-ZZZZ", "fr")).toBeNull();
    expect(await verifyLetter("not a code", "fr")).toBeNull();
  });

  it("the acknowledgement letter is made on request, once", async () => {
    const report = await answered("ar");
    const first = await acknowledgementLetterFor(report.trackingNumber);
    const again = await acknowledgementLetterFor(report.trackingNumber);
    expect(first).not.toBeNull();
    expect(again).toBe(first);
    const rows = await handle.db
      .select()
      .from(letters)
      .where(and(eq(letters.reportId, report.id), eq(letters.kind, "acknowledgement")));
    expect(rows).toHaveLength(1);
    expect(rows[0].locale).toBe("ar");
    expect(await acknowledgementLetterFor("TET-0000-0000-0")).toBeNull();
  });

  it("erasing the citizen's data erases the letters' PDFs and keeps the record of their issue", async () => {
    const report = await answered();
    await anonymiseCitizen(v.admin, report.citizenEmail!);
    const [letter] = await handle.db.select().from(letters).where(eq(letters.reportId, report.id));
    expect(letter.pdf).toBeNull();
    expect(letter.erasedAt).not.toBeNull();
    expect(await verifyLetter(letter.code, "fr")).not.toBeNull();
    expect(await readLetterForCitizen(letter.id, report.trackingNumber)).toBeNull();
  });
});
