/**
 * The city's logo as its letters print it: a PNG or JPEG (recognised by its first bytes, never its
 * name), decoded and re-encoded with sharp to a PNG of at most 600 px on its longer side. Whatever
 * the upload carried besides its pixels (EXIF, XMP, ICC comments, text chunks) is gone.
 */
import { createHash } from "node:crypto";
import sharp from "sharp";
import { CITY_LETTERHEAD_LIMITS } from "@/lib/domain/letterhead-limits";
import { AppError } from "@/lib/errors";
import { sniffMimeType } from "./sniff";

/** The stored PNG of an uploaded logo; refuses a file over 2 MB, of another type, or that does not decode. */
export async function logoPng(bytes: Uint8Array): Promise<Buffer> {
  if (bytes.byteLength === 0) throw new AppError("admin.errors.logo_missing");
  if (bytes.byteLength > CITY_LETTERHEAD_LIMITS.logoMaxBytes) throw new AppError("admin.errors.logo_too_large");
  const type = sniffMimeType(bytes);
  if (type !== "image/png" && type !== "image/jpeg") throw new AppError("admin.errors.logo_type");
  const side = CITY_LETTERHEAD_LIMITS.logoMaxSide;
  try {
    // No withMetadata(): sharp keeps no EXIF, XMP or ICC unless asked to.
    return await sharp(bytes, { failOn: "error", limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer();
  } catch (cause) {
    throw new AppError("admin.errors.logo_corrupt", undefined, { cause });
  }
}

/** What the audit log records of a logo: its digest, never its bytes. */
export function logoDigest(png: Uint8Array | null | undefined): string | null {
  return png ? `sha256:${createHash("sha256").update(png).digest("hex")}` : null;
}
