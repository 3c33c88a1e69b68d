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

/**
 * The most a report form posted by a browser without scripts may weigh: its files themselves (the
 * scripted form sends them one by one to /api/uploads) with their multipart framing, and its fields
 * (≈ 70 KB at most, the state sent back included). The limit of a server action's body
 * (next.config.ts), which Next applies to every action alike.
 */
export const POSTED_FORM_MAX_BYTES = REPORT_LIMITS.maxFiles * (REPORT_LIMITS.maxFileBytes + 1024) + 256 * 1024;
