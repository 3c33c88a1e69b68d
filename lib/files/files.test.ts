import exifr from "exifr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { processUpload } from "./process";
import { safeFileName, sniffMimeType } from "./sniff";

/** A JPEG carrying EXIF GPS (Tétouan's Place Hassan II). */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "TestCam" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 34/1 4422/100", GPSLongitudeRef: "W", GPSLongitude: "5/1 22/1 624/100" },
    })
    .toBuffer();
}

describe("sniffMimeType", () => {
  it("recognises allowed types by their bytes, whatever their name", async () => {
    expect(sniffMimeType(await jpegWithGps())).toBe("image/jpeg");
    expect(
      sniffMimeType(
        await sharp({ create: { width: 2, height: 2, channels: 4, background: "#fff" } })
          .png()
          .toBuffer(),
      ),
    ).toBe("image/png");
    expect(
      sniffMimeType(
        await sharp({ create: { width: 2, height: 2, channels: 3, background: "#fff" } })
          .webp()
          .toBuffer(),
      ),
    ).toBe("image/webp");
    expect(sniffMimeType(Buffer.from("%PDF-1.7\n%âãÏÓ\n"))).toBe("application/pdf");
  });

  it("refuses executables, SVG, HTML and anything unknown", () => {
    expect(sniffMimeType(Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"))).toBeNull(); // a Windows .exe
    expect(sniffMimeType(Buffer.from("\x7fELF\x02\x01\x01", "latin1"))).toBeNull();
    expect(sniffMimeType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffMimeType(Buffer.from("<!doctype html><html>"))).toBeNull();
    expect(sniffMimeType(new Uint8Array())).toBeNull();
  });
});

describe("processUpload", () => {
  it("re-encodes photos without their EXIF metadata", async () => {
    const original = await jpegWithGps();
    const gps = await exifr.gps(original);
    expect(gps.latitude).toBeCloseTo(35.5789, 3); // the fixture really carries GPS
    const processed = await processUpload(original);
    expect(processed).toMatchObject({ mimeType: "image/jpeg", kind: "image", width: 64, height: 48 });
    expect(await exifr.parse(processed.display, { gps: true, ifd0: {} }).catch(() => undefined)).toBeUndefined();
  });

  it("refuses a disguised executable and a corrupt image", async () => {
    await expect(processUpload(Buffer.from("MZ\x90\x00 this is not a photo", "latin1"))).rejects.toMatchObject({ code: "report.errors.file_type" });
    const truncated = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]);
    await expect(processUpload(truncated)).rejects.toBeInstanceOf(AppError);
  });

  it("keeps PDFs as documents (rewritten without metadata: pdf.test.ts), and refuses one with nothing inside", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF");
    expect(await processUpload(pdf)).toMatchObject({ mimeType: "application/pdf", kind: "document", width: null });
    await expect(processUpload(Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"))).rejects.toMatchObject({ code: "report.errors.file_corrupt" });
  });

  it("names files after what they are, without paths or control characters", () => {
    expect(safeFileName("C:\\Users\\a\\photo rue.JPG", "image/jpeg")).toBe("photo rue.jpg");
    expect(safeFileName('../../evil".exe', "image/png")).toBe("evil.png");
    expect(safeFileName("", "application/pdf")).toBe("fichier.pdf");
  });
});
