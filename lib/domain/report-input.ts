/**
 * What a citizen may submit as a report, checked the same way in the browser and on the server.
 * Errors are codes (`report.errors.*`) that the interface translates.
 *
 * What is asked depends on the request type chosen (lib/domain/request-fields): a complaint (one or
 * two categories) is placed on the map and described; another request (one type alone) is placed only
 * if its type asks for a place, its message is optional, and its own fields are checked by the schema
 * built from the version of its form that is current.
 */
import { z } from "zod";
import type { ErrorName } from "@/lib/i18n/keys";
import { attachmentToken, tableId } from "./form-values";
import { isInsideBounds, type Bounds } from "./geo";
import { REPORT_LIMITS } from "./report-limits";
import { type FieldAnswers, type FormDefinition, fieldAnswersSchema } from "./request-fields";

/** What the report's rules need to know of a request type (a category). */
export type RequestTypeRules = { kind: "complaint" | "request"; location: "required" | "optional" | "none"; form: FormDefinition | null };
/** The request types of the city by category id; a category missing here is checked as a complaint. */
export type RequestTypes = ReadonlyMap<number, RequestTypeRules>;
const NO_TYPES: RequestTypes = new Map();
const COMPLAINT: RequestTypeRules = { kind: "complaint", location: "required", form: null };

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

const schemas = new WeakMap<RequestTypes, Map<string, ReturnType<typeof buildReportInputSchema>>>();
const answerSchemas = new WeakMap<FormDefinition, ReturnType<typeof fieldAnswersSchema>>();

/**
 * The schema for a city: the point must fall inside its bounds; each request type's rules and form
 * apply. Built once per bounds and set of types (zod builds are costly): keep the `types` map while
 * the types do not change.
 */
export function reportInputSchema(bounds: Bounds, types: RequestTypes = NO_TYPES) {
  const key = `${bounds.minLat},${bounds.minLng},${bounds.maxLat},${bounds.maxLng}`;
  let byBounds = schemas.get(types);
  if (!byBounds) schemas.set(types, (byBounds = new Map()));
  let schema = byBounds.get(key);
  if (!schema) byBounds.set(key, (schema = buildReportInputSchema(bounds, types)));
  return schema;
}

function answersSchemaOf(form: FormDefinition) {
  let schema = answerSchemas.get(form);
  if (!schema) answerSchemas.set(form, (schema = fieldAnswersSchema(form.fields)));
  return schema;
}

const optionalNumber = (code: ErrorName<"report">) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : v),
    z.coerce
      .number({ error: E(code) })
      .refine(Number.isFinite, E(code))
      .optional(),
  );

function buildReportInputSchema(bounds: Bounds, types: RequestTypes) {
  return (
    z
      .object({
        categoryIds: z
          .array(tableId(E("category_unknown")))
          .default([])
          .transform((ids) => [...new Set(ids)])
          .pipe(z.array(z.number()).min(REPORT_LIMITS.minCategories, E("category_required")).max(REPORT_LIMITS.maxCategories, E("category_too_many"))),
        lat: optionalNumber("location_required"),
        lng: optionalNumber("location_required"),
        districtId: z.preprocess((v) => (v === "" ? undefined : v), tableId(E("district_unknown")).optional()),
        address: optionalText(REPORT_LIMITS.addressMax, "address_too_long"),
        description: z.string().trim().optional().default(""),
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
      // Kept: the answers of the type's own fields (`field.<code>`), read below with the type's form.
      .loose()
      .superRefine((input, ctx) => {
        if (input.website.trim() !== "") ctx.addIssue({ code: "custom", path: ["website"], message: E("rejected") });
        const type = typeOf(input.categoryIds, types);
        // A request type is made alone: ticked first or second beside another category, it is refused.
        if (input.categoryIds.length > 1 && input.categoryIds.some((id) => types.get(id)?.kind === "request")) {
          ctx.addIssue({ code: "custom", path: ["categoryIds"], message: E("type_alone") });
        }
        if (type.location !== "none") {
          const placed = input.lat !== undefined && input.lng !== undefined;
          if (!placed && type.location === "required") ctx.addIssue({ code: "custom", path: ["location"], message: E("location_required") });
          if (placed && !isInsideBounds({ lat: input.lat!, lng: input.lng! }, bounds)) {
            ctx.addIssue({ code: "custom", path: ["location"], message: E("location_outside") });
          }
        }
        // One message at a time: an empty description is "required", not also "too short". Another
        // request's message is optional (its fields say what it is about).
        const length = [...input.description].length;
        if (length > REPORT_LIMITS.descriptionMax) {
          ctx.addIssue({ code: "custom", path: ["description"], message: E(type.kind === "request" ? "message_too_long" : "description_too_long") });
        } else if (type.kind === "complaint") {
          if (length === 0) ctx.addIssue({ code: "custom", path: ["description"], message: E("description_required") });
          else if (length < REPORT_LIMITS.descriptionMin) ctx.addIssue({ code: "custom", path: ["description"], message: E("description_too_short") });
        }
        if (!input.anonymous) {
          if (!input.name) ctx.addIssue({ code: "custom", path: ["name"], message: E("name_required") });
          if (!input.email && !input.phone) ctx.addIssue({ code: "custom", path: ["email"], message: E("contact_required") });
        }
      })
      .transform((input, ctx): ReportInput => {
        const type = typeOf(input.categoryIds, types);
        let fields: FieldAnswers | undefined;
        if (type.form) {
          const answers = answersSchemaOf(type.form).safeParse(input);
          if (answers.success) fields = answers.data;
          else for (const issue of answers.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
        }
        const report = {
          categoryIds: input.categoryIds,
          // A type that asks for no place keeps none, even if the phone sent one.
          lat: type.location === "none" ? undefined : input.lat,
          lng: type.location === "none" ? undefined : input.lng,
          districtId: input.districtId,
          address: type.location === "none" ? undefined : input.address,
          description: input.description,
          anonymous: input.anonymous,
          name: input.name,
          email: input.email,
          phone: input.phone,
          attachmentTokens: input.attachmentTokens,
          idempotencyKey: input.idempotencyKey,
          website: input.website,
          formCategoryId: type.form ? input.categoryIds[0] : undefined,
          formVersion: type.form?.version,
          fields,
        };
        return input.anonymous ? { ...report, name: undefined, email: undefined, phone: undefined } : report;
      })
  );
}

/** The type that decides a report's rules: its first category's. */
function typeOf(categoryIds: readonly number[], types: RequestTypes): RequestTypeRules {
  return (categoryIds[0] !== undefined ? types.get(categoryIds[0]) : undefined) ?? COMPLAINT;
}

/** A report as its rules let it be filed. */
export type ReportInput = {
  categoryIds: number[];
  /** Absent for a type that asks for no place (or leaves it optional and got none). */
  lat: number | undefined;
  lng: number | undefined;
  districtId?: number;
  address?: string;
  description: string;
  anonymous: boolean;
  name?: string;
  email?: string;
  phone?: string;
  attachmentTokens: string[];
  idempotencyKey: string;
  website: string;
  /** The request type whose form was answered, its version, and the answers by field code. */
  formCategoryId?: number;
  formVersion?: number;
  fields?: FieldAnswers;
};
