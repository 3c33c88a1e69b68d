/**
 * The limits of a report and its files, without the schema that enforces them (report-input.ts):
 * the browser shows them on every page with a form, and must not download the validator for that.
 */
export const REPORT_LIMITS = {
  minCategories: 1,
  maxCategories: 2,
  descriptionMin: 10,
  descriptionMax: 4000,
  maxFiles: 5,
  maxFileBytes: 10 * 1024 * 1024,
  nameMax: 120,
  addressMax: 200,
} as const;

/** What may be attached: checked by magic bytes on the server, not by name or declared type. */
export const ALLOWED_MIME_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"] as const;
export type AllowedMimeType = (typeof ALLOWED_MIME_TYPES)[number];
