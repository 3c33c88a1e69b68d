/** What an administrator may submit when configuring the city. Errors are `admin.errors.*` codes. */
import { z } from "zod";
import type { ErrorName } from "@/lib/i18n/keys";
import { tableId, uuidInput } from "./form-values";
import { CITY_LETTERHEAD_LIMITS } from "./letterhead-limits";
import { passwordProblem } from "./password-policy";

const E = (code: ErrorName<"admin">) => `admin.errors.${code}` as const;
const name = (max = 120) => z.string().trim().min(1, E("name_required")).max(max, E("name_too_long"));
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, E("too_long"))
    .optional()
    .transform((v) => (v ? v : undefined));
/** A text of several lines (a textarea posts CRLF): its lines kept, as LF. */
const optionalLines = (max: number) => z.preprocess((v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v), optional(max));
const checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");
const id = tableId();
const optionalId = z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : v), id.optional());

/** An enum posted by a select; empty or absent: its default (forms and callers written before the field existed). */
const choice = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number], error: ErrorName<"admin">) =>
  z.preprocess((v) => (v === "" || v === undefined || v === null ? fallback : v), z.enum(values, { error: E(error) }));

/**
 * A request type (a category): its family, its place rule, its texts, deadlines and silence rule.
 * A complaint is about a dysfunction somewhere: it always asks for its place.
 */
export const categoryInputSchema = z
  .object({
    id: optionalId,
    kind: choice(["complaint", "request"], "complaint", "kind_invalid"),
    location: choice(["required", "optional", "none"], "required", "location_invalid"),
    acknowledgementFr: optional(1000),
    acknowledgementAr: optional(1000),
    acknowledgementEn: optional(1000),
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,40}$/, E("code_invalid")),
    serviceId: tableId(E("service_required")),
    nameFr: name(),
    nameAr: optional(120),
    nameEn: optional(120),
    descriptionFr: optional(500),
    descriptionAr: optional(500),
    descriptionEn: optional(500),
    noticeFr: optional(500),
    noticeAr: optional(500),
    noticeEn: optional(500),
    triageHours: z.coerce
      .number({ error: E("hours_invalid") })
      .int(E("hours_invalid"))
      .min(1, E("hours_invalid"))
      .max(720, E("hours_invalid")),
    responseDays: z.coerce
      .number({ error: E("days_invalid") })
      .int(E("days_invalid"))
      .min(1, E("days_invalid"))
      .max(365, E("days_invalid")),
    responseDayCount: z.enum(["calendar", "working"], { error: E("day_count_invalid") }),
    silenceRule: z.enum(["none", "rejection", "acceptance"], { error: E("silence_invalid") }),
    isPrivate: checkbox,
    active: checkbox,
    /** Overrides the delegate's contract amount for this category (major units); empty = the contract's. */
    penaltyAmount: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(",", ".") : undefined))
      .pipe(
        z
          .string()
          .regex(/^\d{1,7}(\.\d{1,2})?$/, E("amount_invalid"))
          .optional(),
      )
      .transform((v) => (v === undefined ? null : Math.round(Number(v) * 100))),
  })
  .superRefine((c, ctx) => {
    if (c.kind === "complaint" && c.location !== "required") ctx.addIssue({ code: "custom", path: ["location"], message: E("complaint_needs_place") });
  });

export const serviceInputSchema = z.object({
  id: optionalId,
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/, E("code_invalid")),
  nameFr: name(),
  nameAr: optional(120),
  nameEn: optional(120),
  email: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined))
    .pipe(z.email(E("email_invalid")).optional()),
  delegateId: optionalId,
});

/** A day of the calendar as YYYY-MM-DD: 2026-02-30 is refused (Date.parse would roll it to March). */
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, E("date_invalid"))
  .refine((d) => {
    // Also run on text the pattern refused: anything that is no date at all is simply not this day.
    const [y, m, day] = d.split("-").map(Number);
    const at = Date.UTC(y, m - 1, day);
    return Number.isFinite(at) && new Date(at).toISOString().slice(0, 10) === d;
  }, E("date_invalid"));

export const holidayInputSchema = z.object({ day: calendarDay, nameFr: name(), nameAr: optional(120), nameEn: optional(120) });
export const holidayRemovalSchema = z.object({ day: calendarDay });

const accountFields = {
  firstName: name(60),
  lastName: name(60),
  title: optional(120),
  role: z.enum(["coordinator", "agent", "mayor_office", "delegate", "admin"], { error: E("role_invalid") }),
  serviceId: optionalId,
  delegateId: optionalId,
};

/** An agent belongs to a service, a delegate's account to its company. */
function scopeIssues(u: { role: string; serviceId?: number; delegateId?: number }, ctx: z.RefinementCtx) {
  if (u.role === "agent" && !u.serviceId) ctx.addIssue({ code: "custom", path: ["serviceId"], message: E("agent_needs_service") });
  if (u.role === "delegate" && !u.delegateId) ctx.addIssue({ code: "custom", path: ["delegateId"], message: E("delegate_needs_company") });
}

/**
 * A new account. The password is optional: without one, the person chooses theirs from the
 * invitation mailed to them (a set-password link). `locale`: the language of their mails; empty,
 * the city's default.
 */
export const userInputSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email(E("email_invalid"))),
    ...accountFields,
    locale: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["fr", "ar", "en"], { error: E("locale_invalid") }).optional()),
    password: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.string().min(12, E("password_too_short")).max(200, E("password_too_long")).optional()),
  })
  .superRefine((u, ctx) => {
    // The length is the field's own rule above; here, the common and personal passwords.
    const problem = u.password ? passwordProblem(u.password, [u.email, u.firstName, u.lastName]) : null;
    if (problem === "common" || problem === "personal") ctx.addIssue({ code: "custom", path: ["password"], message: E(`password_${problem}`) });
    scopeIssues(u, ctx);
  });

/** An account's role, scope, name and signatory title, as an administrator edits them. */
export const userUpdateSchema = z.object({ userId: uuidInput(E("user_unknown")), ...accountFields }).superRefine((u, ctx) => scopeIssues(u, ctx));

/** Activation, or deactivation once confirmed (the box ticked: it works without JavaScript). */
export const userActiveSchema = z.object({ userId: uuidInput(E("user_unknown")), active: checkbox, confirm: checkbox }).superRefine((u, ctx) => {
  if (!u.active && !u.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: E("confirm_deactivation") });
});

export const templateInputSchema = z.object({
  categoryId: id,
  outcome: z.enum(["upheld", "rejected", "reoriented"], { error: E("outcome_invalid") }),
  title: name(120),
  body: z.string().trim().min(20, E("body_too_short")).max(8000, E("too_long")),
});
export const templateDeleteSchema = z.object({ templateId: id });

export const cityInputSchema = z
  .object({
    nameFr: name(),
    nameAr: optional(120),
    nameEn: optional(120),
    emergencyPhone: optional(20),
    /** The letterhead of the administration's letters (lib/letters): each optional, a multi-line address keeps its lines. */
    postalAddressFr: optionalLines(CITY_LETTERHEAD_LIMITS.postalAddressMax),
    postalAddressAr: optionalLines(CITY_LETTERHEAD_LIMITS.postalAddressMax),
    postalAddressEn: optionalLines(CITY_LETTERHEAD_LIMITS.postalAddressMax),
    openingHoursFr: optionalLines(CITY_LETTERHEAD_LIMITS.openingHoursMax),
    openingHoursAr: optionalLines(CITY_LETTERHEAD_LIMITS.openingHoursMax),
    openingHoursEn: optionalLines(CITY_LETTERHEAD_LIMITS.openingHoursMax),
    phone: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(
        z
          .string()
          .max(CITY_LETTERHEAD_LIMITS.phoneMax, E("phone_invalid"))
          .regex(/^(?=.*\d)[0-9 +\-().]+$/, E("phone_invalid"))
          .optional(),
      ),
    centerLat: z.coerce.number().min(-90).max(90),
    centerLng: z.coerce.number().min(-180).max(180),
    minLat: z.coerce.number().min(-90).max(90),
    minLng: z.coerce.number().min(-180).max(180),
    maxLat: z.coerce.number().min(-90).max(90),
    maxLng: z.coerce.number().min(-180).max(180),
  })
  .superRefine((c, ctx) => {
    const inside = c.centerLat >= c.minLat && c.centerLat <= c.maxLat && c.centerLng >= c.minLng && c.centerLng <= c.maxLng;
    if (c.minLat >= c.maxLat || c.minLng >= c.maxLng || !inside) ctx.addIssue({ code: "custom", path: ["minLat"], message: E("bounds_invalid") });
  });

/** The logo's forms carry no text: the file itself is read by the data layer (lib/files/logo). */
export const cityLogoInputSchema = z.object({});

export const delegateInputSchema = z.object({
  id: optionalId,
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/, E("code_invalid")),
  name: name(200),
  contractRef: optional(60),
  /** In major units as typed (500 or 500,00); stored in minor units. */
  penaltyAmount: z
    .string()
    .trim()
    .transform((v) => v.replace(",", "."))
    .pipe(z.string().regex(/^\d{1,7}(\.\d{1,2})?$/, E("amount_invalid")))
    .transform((v) => Math.round(Number(v) * 100)),
  penaltyCurrency: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.string().regex(/^[A-Z]{3}$/, E("currency_invalid"))),
  contactEmail: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined))
    .pipe(z.email(E("email_invalid")).optional()),
});

/** An Open311 client app's name, to issue it a key. */
export const apiKeyInputSchema = z.object({
  name: z
    .string({ error: E("name_required") })
    .trim()
    .min(2, E("name_required")),
});
export const apiKeyRevocationSchema = z.object({ keyId: uuidInput(E("key_unknown")) });

/** A dead mail to send again. */
export const mailResendSchema = z.object({ mailId: uuidInput(E("mail_unknown")) });

/** A citizen's email or phone, whose contact data is erased from every report on their request. */
export const anonymisationInputSchema = z.object({
  contact: z.string().trim().min(1, E("contact_invalid")).max(254, E("contact_invalid")),
  confirm: z.literal("on", { error: E("confirm_required") }),
});

/** The account whose second factor is removed (a lost phone). */
export const secondFactorResetSchema = z.object({ userId: uuidInput(E("user_unknown")) });
