import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import exifr from "exifr";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { attachments, categories, reports } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { installTestDatabase } from "@/db/testing";
import { localStorage } from "@/lib/storage/local";
import { useStorage } from "@/lib/storage";
import {
  claimUploads,
  createPostedUploads,
  createUpload,
  readAttachmentForPublic,
  sweepOrphanFiles,
  sweepUnclaimedUploads,
  unclaimedUploads,
} from "./attachments";
import { submitReport } from "./reports";
import { DAY_MS } from "@/lib/domain/time";

let handle: DatabaseHandle;
let root: string;
let categoryId: number;

async function geotaggedJpeg() {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: "#7a6" } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 34/1 4422/100", GPSLongitudeRef: "W", GPSLongitude: "5/1 22/1 624/100" } })
    .toBuffer();
}

async function filesOnDisk(): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string) {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await walk(path.join(dir, entry.name));
      else out.push(entry.name);
    }
  }
  await walk(root);
  return out;
}

beforeAll(async () => {
  handle = await installTestDatabase();
  await seedDatabase(handle.db, { demo: true, reports: 0, log: () => {} });
  categoryId = (await handle.db.select().from(categories).limit(1))[0].id;
  root = await mkdtemp(path.join(os.tmpdir(), "erec-uploads-"));
  useStorage(localStorage(root));
}, 60_000);

afterAll(async () => {
  await handle?.close();
  await rm(root, { recursive: true, force: true });
});

let key = 0;
const reportWith = (tokens: string[]) => ({
  categoryIds: [categoryId],
  lat: 35.5785,
  lng: -5.3684,
  districtId: undefined,
  address: undefined,
  description: "Un dépôt de gravats bloque le trottoir depuis une semaine.",
  anonymous: true,
  name: undefined,
  email: undefined,
  phone: undefined,
  attachmentTokens: tokens,
  idempotencyKey: `attachments-test-${String(++key).padStart(8, "0")}`,
  website: "",
});

describe("uploads", () => {
  it("stores a re-encoded photo without EXIF for display and keeps the original for staff", async () => {
    const original = await geotaggedJpeg();
    const receipt = await createUpload({ bytes: original, originalName: "IMG_2041.JPG" });
    expect(receipt).toMatchObject({ name: "IMG_2041.jpg", kind: "image", width: 300, height: 200 });
    const [row] = await handle.db.select().from(attachments).where(eq(attachments.claimToken, receipt.token));
    expect(row.reportId).toBeNull();
    expect(row.originalKey).not.toBeNull();
    expect((await filesOnDisk()).length).toBe(2);

    const { trackingNumber } = await submitReport(reportWith([receipt.token]), { locale: "fr" });
    const served = await readAttachmentForPublic(row.id, trackingNumber);
    expect(served?.mimeType).toBe("image/jpeg");
    expect(await exifr.gps(served!.bytes).catch(() => undefined)).toBeUndefined();
    // Another report's number opens nothing.
    const other = await submitReport(reportWith([]), { locale: "fr" });
    expect(await readAttachmentForPublic(row.id, other.trackingNumber)).toBeNull();
  });

  it("refuses an unknown or already claimed token and writes no report at all", async () => {
    const receipt = await createUpload({ bytes: await geotaggedJpeg(), originalName: "a.jpg" });
    await submitReport(reportWith([receipt.token]), { locale: "fr" });
    const before = (await handle.db.select().from(reports)).length;
    await expect(submitReport(reportWith([receipt.token]), { locale: "fr" })).rejects.toMatchObject({ code: "report.errors.file_unknown" });
    await expect(submitReport(reportWith(["unknown-token-0123456789"]), { locale: "fr" })).rejects.toMatchObject({ code: "report.errors.file_unknown" });
    expect((await handle.db.select().from(reports)).length).toBe(before);
  });

  it("refuses too large, empty and disguised files before storing anything", async () => {
    const count = (await filesOnDisk()).length;
    await expect(createUpload({ bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 1), originalName: "big.jpg" })).rejects.toMatchObject({
      code: "report.errors.file_too_large",
    });
    await expect(createUpload({ bytes: Buffer.alloc(0), originalName: "empty.jpg" })).rejects.toMatchObject({ code: "report.errors.file_empty" });
    await expect(createUpload({ bytes: Buffer.from("MZ\x90\x00 fake", "latin1"), originalName: "photo.jpg" })).rejects.toMatchObject({
      code: "report.errors.file_type",
    });
    expect((await filesOnDisk()).length).toBe(count);
  });

  it("sweeps uploads never claimed, with their files", async () => {
    const old = new Date(Date.now() - 3 * DAY_MS);
    await createUpload({ bytes: await geotaggedJpeg(), originalName: "abandoned.jpg" }, old);
    const count = (await filesOnDisk()).length;
    expect(await sweepUnclaimedUploads(new Date(Date.now() - DAY_MS))).toBe(1);
    expect((await filesOnDisk()).length).toBe(count - 2);
    expect(await sweepUnclaimedUploads(new Date(Date.now() - DAY_MS))).toBe(0);
  });

  it("sweeps files no row names and writes that never finished, and keeps every file a row names", async () => {
    const kept = await createUpload({ bytes: await geotaggedJpeg(), originalName: "kept.jpg" });
    const storage = localStorage(root);
    const orphan = "2026/11/00000000-0000-4000-8000-0000000000aa-display.jpg";
    await storage.put(orphan, Buffer.from("orphan"), "image/jpeg");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(path.join(root, "2026/11/00000000-0000-4000-8000-0000000000bb-display.jpg.4242.partial"), "half");
    const before = await filesOnDisk();
    // Nothing is swept while it may still be an upload in progress.
    expect(await sweepOrphanFiles(new Date(Date.now() - 3_600_000))).toBe(0);
    expect(await sweepOrphanFiles(new Date(Date.now() + 60_000))).toBe(2);
    const after = await filesOnDisk();
    expect(before.length - after.length).toBe(2);
    expect(after.some((f) => f.includes("0000000000aa") || f.endsWith(".partial"))).toBe(false);
    const [row] = await handle.db.select().from(attachments).where(eq(attachments.claimToken, kept.token));
    expect(await storage.get(row.storageKey)).not.toBeNull();
    expect(await storage.get(row.originalKey!)).not.toBeNull();
  });

  it("claims nothing when there is nothing to claim", async () => {
    await expect(claimUploads(handle.db, "00000000-0000-4000-8000-000000000000", [])).resolves.toBeUndefined();
  });
});

describe("files posted with a form (a browser without scripts)", () => {
  const context = { clientAddress: "198.51.100.31", requestId: "test-posted", alreadyAttached: 0 };

  it("stores each file as an upload, refuses a disguised one by its code, and names the unclaimed ones by token", async () => {
    const photo = new File([new Uint8Array(await geotaggedJpeg())], "rue.jpg", { type: "image/jpeg" });
    const disguised = new File([Buffer.concat([Buffer.from("MZ"), Buffer.alloc(512, 0x41)])], "photo.jpg", { type: "image/jpeg" });
    const posted = await createPostedUploads([photo, disguised], context);
    expect(posted.receipts).toHaveLength(1);
    expect(posted.refusals).toEqual(["report.errors.file_type"]);
    const [row] = await handle.db.select().from(attachments).where(eq(attachments.claimToken, posted.receipts[0].token));
    expect(row.reportId).toBeNull();
    expect(await unclaimedUploads([posted.receipts[0].token, "not-a-token"])).toEqual([{ token: posted.receipts[0].token, name: "rue.jpg" }]);
  });

  it("refuses more files than a report carries, with those already uploaded, before storing any", async () => {
    const before = (await handle.db.select().from(attachments)).length;
    const files = Array.from({ length: 2 }, (_, i) => new File([new Uint8Array([1, 2, 3])], `f${i}.png`, { type: "image/png" }));
    const posted = await createPostedUploads(files, { ...context, alreadyAttached: 4 });
    expect(posted).toEqual({ receipts: [], refusals: ["report.errors.files_too_many"] });
    expect((await handle.db.select().from(attachments)).length).toBe(before);
  });

  it("names no claimed upload", async () => {
    const [receipt] = (await createPostedUploads([new File([new Uint8Array(await geotaggedJpeg())], "a.jpg")], context)).receipts;
    await submitReport(reportWith([receipt.token]), { locale: "fr", channel: "web" });
    expect(await unclaimedUploads([receipt.token])).toEqual([]);
  });
});

describe("local storage", () => {
  it("refuses keys that could leave its folder", async () => {
    const storage = localStorage(root);
    await expect(storage.put("../../etc/passwd", Buffer.from("x"), "text/plain")).rejects.toThrow(/invalid storage key/);
    await expect(storage.get("2026/11/../../x-display.jpg")).rejects.toThrow(/invalid storage key/);
    expect(await storage.get("2026/11/00000000-0000-4000-8000-000000000000-display.jpg")).toBeNull();
  });
});
