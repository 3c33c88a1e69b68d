/**
 * What a citizen may submit as a report, checked the same way in the browser and on the server.
 * Errors are codes (`report.errors.*`) that the interface translates.
 */
import { z } from "zod";
import type { ErrorName } from "@/lib/i18n/keys";
import { attachmentToken, tableId } from "./form-values";
import { isInsideBounds, type Bounds } from "./geo";
import { REPORT_LIMITS } from "./report-limits";

const E = (code: ErrorName<"report">) => `report.errors.${code}` as const;

const optionalText = (max: number, code: ErrorName<"report">) =>
  z
    .string()
    .trim()
    .max(max, E(code))
    .optional()
    .transform((v) => (v ? v : undefined));

/** International or Moroccan phone numbers: digits with spaces, dots, dashes, parentheses, a leading +. */
const PHONE = /^\+?[0-9][0-9 .\-()]{5,24}$/;

const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");

const number = (code: ErrorName<"report">) =>
  z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number({ error: E(code) }).refine(Number.isFinite, E(code)));

const schemas = new Map<string, ReturnType<typeof buildReportInputSchema>>();

/** The schema for a city: the point must fall inside its bounds. Built once per bounds (zod builds are costly). */
export function reportInputSchema(bounds: Bounds) {
  const key = `${bounds.minLat},${bounds.minLng},${bounds.maxLat},${bounds.maxLng}`;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = buildReportInputSchema(bounds)));
  return schema;
}

function buildReportInputSchema(bounds: Bounds) {
  return z
    .object({
      categoryIds: z
        .array(tableId(E("category_unknown")))
        .default([])
        .transform((ids) => [...new Set(ids)])
        .pipe(z.array(z.number()).min(REPORT_LIMITS.minCategories, E("category_required")).max(REPORT_LIMITS.maxCategories, E("category_too_many"))),
      lat: number("location_required"),
      lng: number("location_required"),
      districtId: z.preprocess((v) => (v === "" ? undefined : v), tableId(E("district_unknown")).optional()),
      address: optionalText(REPORT_LIMITS.addressMax, "address_too_long"),
      description: z
        .string({ error: E("description_required") })
        .trim()
        .superRefine((text, ctx) => {
          // One message at a time: an empty field is "required", not also "too short".
          const length = [...text].length;
          if (length === 0) ctx.addIssue({ code: "custom", message: E("description_required") });
          else if (length < REPORT_LIMITS.descriptionMin) ctx.addIssue({ code: "custom", message: E("description_too_short") });
          else if (length > REPORT_LIMITS.descriptionMax) ctx.addIssue({ code: "custom", message: E("description_too_long") });
        }),
      anonymous: checkbox,
      name: optionalText(REPORT_LIMITS.nameMax, "name_too_long"),
      email: z
        .string()
        .trim()
        .toLowerCase()
        .optional()
        .transform((v) => (v ? v : undefined))
        .pipe(z.email(E("email_invalid")).max(254, E("email_invalid")).optional()),
      phone: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? v : undefined))
        .pipe(z.string().regex(PHONE, E("phone_invalid")).optional()),
      attachmentTokens: z
        .array(attachmentToken)
        .default([])
        .transform((tokens) => [...new Set(tokens)])
        .pipe(z.array(z.string()).max(REPORT_LIMITS.maxFiles, E("files_too_many"))),
      idempotencyKey: z.string({ error: E("form_expired") }).regex(/^[A-Za-z0-9_-]{16,100}$/, E("form_expired")),
      /** Honeypot: hidden from people, filled by bots. */
      website: z.string().optional().default(""),
    })
    .superRefine((input, ctx) => {
      if (input.website.trim() !== "") ctx.addIssue({ code: "custom", path: ["website"], message: E("rejected") });
      if (Number.isFinite(input.lat) && Number.isFinite(input.lng) && !isInsideBounds({ lat: input.lat, lng: input.lng }, bounds)) {
        ctx.addIssue({ code: "custom", path: ["location"], message: E("location_outside") });
      }
      if (!input.anonymous) {
        if (!input.name) ctx.addIssue({ code: "custom", path: ["name"], message: E("name_required") });
        if (!input.email && !input.phone) ctx.addIssue({ code: "custom", path: ["email"], message: E("contact_required") });
      }
    })
    .transform((input) => (input.anonymous ? { ...input, name: undefined, email: undefined, phone: undefined } : input));
}

export type ReportInput = z.output<ReturnType<typeof reportInputSchema>>;
