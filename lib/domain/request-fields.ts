/**
 * A request type's own fields (La Seyne's "démarches": a school-catering aid asks for the child's
 * name and school, a library sign-up for a date of birth…): how an administrator defines them, what
 * makes a definition unusable, and the one schema that checks a citizen's answers — built from the
 * definition, used by the browser, the server action, `POST /api/reports` and Open311 alike.
 *
 * A type's fields are versioned (db: category_forms): a request keeps the version it was filed with,
 * so changing a form never breaks nor rewrites earlier requests. Pure: no database, no Next.js.
 * Errors are codes (`report.errors.*` for answers, `admin.errors.*` for definitions) the interface translates.
 */
import { z } from "zod";
import type { ErrorName } from "@/lib/i18n/keys";
import { type Locale, locales } from "@/lib/i18n/config";
import { ATTACHMENT_TOKEN } from "./form-values";

export const FIELD_KINDS = ["short_text", "long_text", "number", "date", "single_choice", "multiple_choice", "yes_no", "email", "phone", "file"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** What a file field may take: photos (JPEG, PNG, WebP) and/or PDF documents. */
export const FIELD_FILE_TYPES = ["image", "pdf"] as const;
export type FieldFileType = (typeof FIELD_FILE_TYPES)[number];

/** A label in some of the interface languages; at least one is given (the city's default, ideally). */
export type FieldText = Partial<Record<Locale, string>>;

export type FieldChoice = { value: string; label: FieldText };

export type FieldDefinition = {
  /** Stable key of the answer (`attribute[code]` in Open311): lower case letters, digits, underscores. */
  code: string;
  kind: FieldKind;
  required: boolean;
  label: FieldText;
  help?: FieldText;
  /** Number fields: the bounds, inclusive. */
  min?: number | null;
  max?: number | null;
  /** Single and multiple choice fields: the values offered, in order. */
  choices?: FieldChoice[];
  /** File fields: the types accepted and how many files at most. */
  fileTypes?: FieldFileType[];
  maxFiles?: number;
  /** Shown (and required, if it is) only when the field `field` (earlier in the form) has the value `value`. */
  showWhen?: { field: string; value: string } | null;
};

/** One version of a type's form: its fields in the order shown. */
export type FormDefinition = { version: number; fields: FieldDefinition[] };

/** What a stored answer holds: text, number, yes/no, chosen values, or the ids of the files attached. */
export type FieldValue = string | number | boolean | string[];
export type FieldAnswers = Record<string, FieldValue>;

export const FIELD_LIMITS = {
  maxFields: 30,
  maxChoices: 50,
  shortTextMax: 200,
  longTextMax: 4000,
  labelMax: 200,
  helpMax: 500,
  choiceValueMax: 60,
  maxFilesPerField: 5,
} as const;

/** The name a field's answer is posted under (one flat form: `field.child_name`). */
export const fieldInputName = (code: string) => `field.${code}`;
export const FIELD_CODE = /^[a-z][a-z0-9_]{0,39}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PHONE = /^\+?[0-9][0-9 .\-()]{5,24}$/;
const EMAIL = z.email();

// ---------------------------------------------------------------------------------------------
// Definitions (what an administrator writes)

export type DefinitionIssue = { index: number; code: `admin.errors.${ErrorName<"admin">}` };
const A = (code: ErrorName<"admin">) => `admin.errors.${code}` as const;

const hasText = (text: FieldText | undefined) => !!text && locales.some((l) => (text[l] ?? "").trim() !== "");

/**
 * Why a form definition cannot be used, field by field: a code that is not one or repeats, a field
 * with no label in any language, bounds that cannot be met (min > max), a choice field with no
 * choice or a choice twice, a file field that accepts nothing, a condition on a field that is not
 * before it. Empty: the definition is usable.
 */
export function definitionIssues(fields: readonly FieldDefinition[]): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add = (index: number, code: ErrorName<"admin">) => issues.push({ index, code: A(code) });
  if (fields.length > FIELD_LIMITS.maxFields) add(FIELD_LIMITS.maxFields, "fields_too_many");
  const seen = new Map<string, FieldDefinition>();
  fields.forEach((field, index) => {
    if (!FIELD_CODE.test(field.code)) add(index, "field_code_invalid");
    else if (seen.has(field.code)) add(index, "field_code_repeated");
    if (!(FIELD_KINDS as readonly string[]).includes(field.kind)) add(index, "field_kind_invalid");
    if (!hasText(field.label)) add(index, "field_label_required");
    if (locales.some((l) => (field.label[l] ?? "").length > FIELD_LIMITS.labelMax || (field.help?.[l] ?? "").length > FIELD_LIMITS.helpMax)) {
      add(index, "too_long");
    }
    if (field.kind === "number") {
      const { min, max } = field;
      if ((min != null && !Number.isFinite(min)) || (max != null && !Number.isFinite(max))) add(index, "field_bounds_invalid");
      else if (min != null && max != null && min > max) add(index, "field_bounds_impossible");
    }
    if (field.kind === "single_choice" || field.kind === "multiple_choice") {
      const choices = field.choices ?? [];
      const values = choices.map((c) => c.value.trim());
      if (choices.length === 0) add(index, "field_choices_empty");
      else if (choices.length > FIELD_LIMITS.maxChoices) add(index, "field_choices_too_many");
      else if (values.some((v) => v === "" || v.length > FIELD_LIMITS.choiceValueMax)) add(index, "field_choice_invalid");
      else if (new Set(values).size !== values.length) add(index, "field_choice_repeated");
      else if (choices.some((c) => !hasText(c.label))) add(index, "field_label_required");
    }
    if (field.kind === "file") {
      const max = field.maxFiles ?? 1;
      if ((field.fileTypes ?? []).length === 0) add(index, "field_file_types_empty");
      if (!Number.isInteger(max) || max < 1 || max > FIELD_LIMITS.maxFilesPerField) add(index, "field_files_invalid");
    }
    if (field.showWhen) {
      const target = seen.get(field.showWhen.field);
      if (!target) add(index, "field_condition_unknown");
      else if (!conditionCanHold(target, field.showWhen.value)) add(index, "field_condition_value");
    }
    if (!seen.has(field.code)) seen.set(field.code, field);
  });
  return issues;
}

/** A condition can only be met by a value its field can have. */
function conditionCanHold(target: FieldDefinition, value: string): boolean {
  if (target.kind === "yes_no") return value === "yes" || value === "no";
  if (target.kind === "single_choice" || target.kind === "multiple_choice") return (target.choices ?? []).some((c) => c.value === value);
  if (target.kind === "file") return false;
  return value.trim() !== "";
}

/**
 * The languages in which some label of the form is missing: the form still works (each label falls
 * back to the city's default language, then to any it has), and the administrator is warned.
 */
export function missingLabelLanguages(fields: readonly FieldDefinition[]): Locale[] {
  const texts = fields.flatMap((f) => [f.label, ...(f.choices ?? []).map((c) => c.label)]);
  return locales.filter((l) => texts.some((t) => (t[l] ?? "").trim() === ""));
}

/** A field's text in `locale`, else the city's default language, else any it has. */
export function fieldText(text: FieldText | undefined, locale: Locale, fallback: Locale): { text: string; lang: Locale } | null {
  if (!text) return null;
  for (const lang of [locale, fallback, ...locales]) {
    const value = text[lang]?.trim();
    if (value) return { text: value, lang };
  }
  return null;
}

/**
 * The label of one of a choice field's values in `locale`, else `fallback`, else any language it
 * has (as `fieldText`); the value itself when the form offers no such choice any more.
 */
export function choiceText(field: FieldDefinition, value: string, locale: Locale, fallback: Locale): { text: string; lang: Locale | undefined } {
  return fieldText(field.choices?.find((c) => c.value === value)?.label, locale, fallback) ?? { text: value, lang: undefined };
}

// ---------------------------------------------------------------------------------------------
// Answers (what a citizen sends)

const R = (code: ErrorName<"report">) => `report.errors.${code}` as const;

const listOf = (raw: unknown): string[] =>
  (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map((v) => String(v).trim()).filter((v) => v !== "");
const oneOf = (raw: unknown): string => listOf(raw)[0] ?? "";

/** Whether a field is asked, given the answers read so far (its condition's field comes before it). */
export function isShown(field: FieldDefinition, answers: FieldAnswers): boolean {
  if (!field.showWhen) return true;
  const answer = answers[field.showWhen.field];
  if (answer === undefined) return false;
  if (Array.isArray(answer)) return answer.includes(field.showWhen.value);
  if (typeof answer === "boolean") return (answer ? "yes" : "no") === field.showWhen.value;
  return String(answer) === field.showWhen.value;
}

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

export type ShownAnswer = { code: string; kind: FieldKind; label: { text: string; lang: Locale }; value: FieldValue; field: FieldDefinition };

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
