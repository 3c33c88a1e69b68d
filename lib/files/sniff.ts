/**
 * What a file really is, read from its first bytes — never from its name or the type the browser
 * declared. Only the types a citizen may attach are recognised.
 */
import type { AllowedMimeType } from "@/lib/domain/report-limits";

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** The MIME type of an allowed file, or null (executables, SVG, HTML, unknown formats…). */
export function sniffMimeType(bytes: Uint8Array): AllowedMimeType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  return null;
}

/** The extension stored and offered for download: from the sniffed type, never the citizen's name. */
export function extensionOf(mime: AllowedMimeType): string {
  return { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf" }[mime];
}

/**
 * A file name safe to show and to put in a Content-Disposition header: no path, no control
 * characters, at most 120 characters, with the extension of what the file really is.
 */
export function safeFileName(original: string, mime: AllowedMimeType): string {
  const base = original
    .split(/[\\/]/)
    .pop()!
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a safe file name drops
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
    .replace(/\.[^.]*$/, "")
    .trim()
    .slice(0, 100);
  return `${base || "fichier"}.${extensionOf(mime)}`;
}
