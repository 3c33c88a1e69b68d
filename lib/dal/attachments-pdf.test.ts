/**
 * A citizen's PDF: whoever holds the tracking number downloads a copy without its metadata
 * (author, producer, XMP); staff who may see the citizen's contact get the untouched original.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { attachments, categories } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/permissions";
import { pdfWithMetadata } from "@/lib/files/pdf-fixture";
import { useStorage } from "@/lib/storage";
import { localStorage } from "@/lib/storage/local";
import { createUpload, readAttachmentForPublic, readAttachmentForStaff } from "./attachments";
import { submitReport } from "./reports";

let handle: DatabaseHandle;
let root: string;
let categoryId: number;

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: false, reports: 0, log: () => {} });
  categoryId = (await handle.db.select().from(categories).limit(1))[0].id;
  root = await mkdtemp(path.join(os.tmpdir(), "erec-pdf-"));
  useStorage(localStorage(root));
}, 60_000);

afterAll(async () => {
  await handle?.close();
  await rm(root, { recursive: true, force: true });
});

const coordinator: Viewer = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "c@example.org",
  role: "coordinator",
  serviceId: null,
  delegateId: null,
  firstName: null,
  lastName: null,
  title: null,
};

describe("a PDF attached to a report", () => {
  it("reaches the public without its metadata and staff as it was sent", async () => {
    const original = await pdfWithMetadata();
    const receipt = await createUpload({ bytes: original, originalName: "constat.pdf" });
    expect(receipt).toMatchObject({ kind: "document", name: "constat.pdf" });
    const [row] = await handle.db.select().from(attachments).where(eq(attachments.claimToken, receipt.token));
    expect(row.originalKey).not.toBeNull();

    const { trackingNumber } = await submitReport(
      {
        categoryIds: [categoryId],
        lat: 35.5785,
        lng: -5.3684,
        districtId: undefined,
        address: undefined,
        description: "Le constat du dépôt sauvage est joint en PDF.",
        anonymous: true,
        name: undefined,
        email: undefined,
        phone: undefined,
        attachmentTokens: [receipt.token],
        idempotencyKey: "attachments-pdf-test-0001",
        website: "",
      },
      { locale: "fr" },
    );

    const forPublic = await readAttachmentForPublic(row.id, trackingNumber);
    expect(forPublic?.mimeType).toBe("application/pdf");
    const parsed = await PDFDocument.load(forPublic!.bytes, { updateMetadata: false });
    expect(parsed.getPageCount()).toBe(1);
    expect([parsed.getAuthor(), parsed.getTitle(), parsed.getProducer(), parsed.getCreator()]).toEqual([undefined, undefined, undefined, undefined]);
    expect(forPublic!.bytes.toString("latin1")).not.toMatch(/Fatima|xmpmeta/);

    const display = await readAttachmentForStaff(coordinator, row.id, "display");
    expect(display!.bytes.equals(forPublic!.bytes)).toBe(true);
    const forStaff = await readAttachmentForStaff(coordinator, row.id, "original");
    expect(forStaff!.bytes.equals(original)).toBe(true);
    expect((await PDFDocument.load(forStaff!.bytes, { updateMetadata: false })).getAuthor()).toBe("Fatima Zahra Bennani");
  });
});
