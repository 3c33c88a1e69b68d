/**
 * Turns an upload into what may be stored and shown. Images are decoded and re-encoded with sharp:
 * whatever was hidden in them (EXIF GPS, camera serials, scripts in comments) is gone, the
 * orientation is applied, and they are bounded to 2,048 px. PDFs are rewritten without their
 * metadata (author, producer, XMP: lib/files/pdf.ts) and served only as downloads with `nosniff`.
 * Either way the untouched original is kept for staff.
 */
import sharp from "sharp";
import type { AllowedMimeType } from "@/lib/domain/report-limits";
import { AppError } from "@/lib/errors";
import { pdfWithoutMetadata } from "./pdf";
import { sniffMimeType } from "./sniff";

export type ProcessedFile = {
  mimeType: AllowedMimeType;
  kind: "image" | "document";
  /** What is displayed and served to the public. */
  display: Buffer;
  width: number | null;
  height: number | null;
};

const MAX_SIDE = 2048;

export async function processUpload(bytes: Buffer): Promise<ProcessedFile> {
  const mimeType = sniffMimeType(bytes);
  if (!mimeType) throw new AppError("report.errors.file_type");
  if (mimeType === "application/pdf") {
    return { mimeType, kind: "document", display: await pdfWithoutMetadata(bytes), width: null, height: null };
  }
  try {
    // No withMetadata(): sharp drops EXIF, XMP and ICC comments unless asked to keep them.
    const pipeline = sharp(bytes, { failOn: "error", limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true });
    const encoded =
      mimeType === "image/png"
        ? pipeline.png({ compressionLevel: 8 })
        : mimeType === "image/webp"
          ? pipeline.webp({ quality: 82 })
          : pipeline.jpeg({ quality: 82, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { mimeType, kind: "image", display: data, width: info.width, height: info.height };
  } catch (cause) {
    throw new AppError("report.errors.file_corrupt", undefined, { cause });
  }
}
