/**
 * A request type's own fields (La Seyne's "démarches": a school-catering aid asks for the child's
 * name and school, a library sign-up for a date of birth…): the one schema that checks a citizen's
 * answers — built from the definition, used by the browser (with the rules it loads on the form's
 * first input), the server action, `POST /api/reports` and Open311 alike — and how staff read them.
 * How an administrator defines the fields is in ./request-field-definitions, re-exported here.
 *
 * A type's fields are versioned (db: category_forms): a request keeps the version it was filed with,
 * so changing a form never breaks nor rewrites earlier requests. Pure: no database, no Next.js.
 * Errors are codes (`report.errors.*` for answers, `admin.errors.*` for definitions) the interface translates.
 */
import { z } from "zod";
import type { ErrorName } from "@/lib/i18n/keys";
import type { Locale } from "@/lib/i18n/config";
import { ATTACHMENT_TOKEN } from "./form-values";
import {
  FIELD_LIMITS,
  type FieldAnswers,
  type FieldDefinition,
  type FieldFileType,
  type FieldKind,
  type FieldValue,
  type FormDefinition,
  type ShownAnswer,
  fieldInputName,
  fieldText,
  isShown,
} from "./request-field-definitions";

// What a form is, and how its fields are shown, is in ./request-field-definitions (no zod: the
// browser's form imports it with the page); this module adds the schema of the answers.
export * from "./request-field-definitions";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PHONE = /^\+?[0-9][0-9 .\-()]{5,24}$/;
const EMAIL = z.email();

// ---------------------------------------------------------------------------------------------
// Answers (what a citizen sends)

const R = (code: ErrorName<"report">) => `report.errors.${code}` as const;

const listOf = (raw: unknown): string[] =>
  (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map((v) => String(v).trim()).filter((v) => v !== "");
const oneOf = (raw: unknown): string => listOf(raw)[0] ?? "";

/** A valid calendar day `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

type Read = { value: FieldValue } | { error: ErrorName<"report"> } | null;

/** One field's answer from what was posted: its value, its refusal, or null when left empty. */
function readAnswer(field: FieldDefinition, raw: unknown): Read {
  if (field.kind === "multiple_choice" || field.kind === "file") {
    const values = [...new Set(listOf(raw))];
    if (values.length === 0) return null;
    if (field.kind === "file") {
      if (values.some((v) => !ATTACHMENT_TOKEN.test(v))) return { error: "file_unknown" };
      return values.length > (field.maxFiles ?? 1) ? { error: "field_files_too_many" } : { value: values };
    }
    const allowed = new Set((field.choices ?? []).map((c) => c.value));
    return values.every((v) => allowed.has(v)) ? { value: values } : { error: "field_choice_unknown" };
  }
  const text = oneOf(raw);
  if (text === "") return null;
  switch (field.kind) {
    case "short_text":
      return [...text].length > FIELD_LIMITS.shortTextMax ? { error: "field_too_long" } : { value: text };
    case "long_text":
      return [...text].length > FIELD_LIMITS.longTextMax ? { error: "field_too_long" } : { value: text };
    case "number": {
      const n = Number(text.replace(",", "."));
      if (!Number.isFinite(n)) return { error: "field_number_invalid" };
      if ((field.min != null && n < field.min) || (field.max != null && n > field.max)) return { error: "field_number_range" };
      return { value: n };
    }
    case "date":
      return isCalendarDate(text) ? { value: text } : { error: "field_date_invalid" };
    case "single_choice":
      return (field.choices ?? []).some((c) => c.value === text) ? { value: text } : { error: "field_choice_unknown" };
    case "yes_no":
      if (["yes", "true", "on", "1"].includes(text)) return { value: true };
      if (["no", "false", "0"].includes(text)) return { value: false };
      return { error: "field_choice_unknown" };
    case "email": {
      const email = text.toLowerCase();
      return EMAIL.safeParse(email).success && email.length <= 254 ? { value: email } : { error: "email_invalid" };
    }
    case "phone":
      return PHONE.test(text) ? { value: text } : { error: "phone_invalid" };
    default:
      return { error: "field_unknown" };
  }
}

/**
 * The answers a form asks for, read from the posted values (each under `fieldInputName(code)`, or
 * under its bare code with `bare`, as Open311's `attribute[code]`): values typed and checked, empty
 * optional fields and fields whose condition is not met left out, every refusal at its field's name.
 */
export function fieldAnswersSchema(fields: readonly FieldDefinition[], options: { bare?: boolean } = {}) {
  const nameOf = options.bare ? (code: string) => code : fieldInputName;
  return z.record(z.string(), z.unknown()).transform((raw, ctx): FieldAnswers => {
    const answers: FieldAnswers = {};
    for (const field of fields) {
      if (!isShown(field, answers)) continue;
      const read = readAnswer(field, raw[nameOf(field.code)]);
      if (read === null) {
        if (field.required)
          ctx.addIssue({ code: "custom", path: [nameOf(field.code)], message: R(field.kind === "file" ? "field_file_required" : "field_required") });
      } else if ("error" in read) ctx.addIssue({ code: "custom", path: [nameOf(field.code)], message: R(read.error) });
      else answers[field.code] = read.value;
    }
    return answers;
  });
}

/** The posted names of a form's fields that carry several values (multiple choices, files). */
export function listFieldNames(fields: readonly FieldDefinition[]): string[] {
  return fields.filter((f) => f.kind === "multiple_choice" || f.kind === "file").map((f) => fieldInputName(f.code));
}

/** The claim tokens of the files given in a form's file fields, by field code. */
export function fileTokensOf(fields: readonly FieldDefinition[], answers: FieldAnswers): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const field of fields) {
    const value = answers[field.code];
    if (field.kind === "file" && Array.isArray(value)) out.set(field.code, value);
  }
  return out;
}

/** Whether a stored file (its MIME type) is of a type a file field accepts. */
export function fileTypeAccepted(field: FieldDefinition, mimeType: string): boolean {
  const kind: FieldFileType = mimeType === "application/pdf" ? "pdf" : "image";
  return (field.fileTypes ?? []).includes(kind);
}

/** Answers that are a way to reach someone: shown only to whoever may see the citizen's contact. */
const CONTACT_KINDS: ReadonlySet<FieldKind> = new Set(["email", "phone"]);

/**
 * A request's answers as staff read them, in the order of the form version it was filed with, each
 * with its label in the reader's language (else the city's, else any); contact answers only when
 * `seesContact`.
 */
export function shownAnswers(form: FormDefinition, answers: FieldAnswers, options: { locale: Locale; fallback: Locale; seesContact: boolean }): ShownAnswer[] {
  return form.fields.flatMap((field) => {
    const value = answers[field.code];
    if (value === undefined || (!options.seesContact && CONTACT_KINDS.has(field.kind))) return [];
    const label = fieldText(field.label, options.locale, options.fallback) ?? { text: field.code, lang: options.fallback };
    return [{ code: field.code, kind: field.kind, label, value, field }];
  });
}
