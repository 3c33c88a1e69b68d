/**
 * A request type's own fields as an administrator posts them (the field editor sends the whole
 * definition as one JSON text, `fields`): read in two steps, as the brief of the editor says —
 * first the shape (zod: what each property is), then the meaning (`definitionIssues`: bounds that
 * cannot be met, an empty choice list…), each refusal at the field it concerns (`fields.<index>`).
 *
 * What is read is canonical (trimmed texts, empty languages dropped, only the properties the field's
 * kind uses), so that two definitions that mean the same are the same text: an unchanged form
 * writes no new version (lib/dal/admin saveRequestTypeFields). Pure: no database, no Next.js.
 */
import { z } from "zod";
import { locales } from "@/lib/i18n/config";
import type { ErrorName } from "@/lib/i18n/keys";
import { FIELD_FILE_TYPES, FIELD_LIMITS, type FieldDefinition, type FieldKind, type FieldText, definitionIssues } from "./request-fields";
import { tableId } from "./form-values";

const E = (code: ErrorName<"admin">) => `admin.errors.${code}` as const;

/** The posted text's size: thirty fields with fifty choices in three languages fit many times over. */
const MAX_DEFINITION_CHARS = 400_000;
/** Past this, not worth reading field by field (definitionIssues refuses more than FIELD_LIMITS.maxFields anyway). */
const MAX_POSTED_FIELDS = FIELD_LIMITS.maxFields * 4;

const textShape = z.partialRecord(z.enum(locales), z.string()).optional();

/** A bound or a count as typed: a number, a text (`"12"`, `"12,5"`), or empty (none). Not a number: NaN, which `definitionIssues` refuses at its field. */
const typedNumber = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v): number | null => {
    if (v === null || v === undefined) return null;
    if (typeof v === "number") return v;
    const t = v.trim().replace(",", ".");
    return t === "" ? null : Number(t);
  });

const fieldShape = z.object({
  code: z.string(),
  // Any text: an unknown kind is refused at its field by definitionIssues, not as an unreadable form.
  kind: z.string(),
  required: z.boolean().optional(),
  label: textShape,
  help: textShape,
  min: typedNumber,
  max: typedNumber,
  choices: z.array(z.object({ value: z.string(), label: textShape })).optional(),
  fileTypes: z.array(z.enum(FIELD_FILE_TYPES)).optional(),
  maxFiles: typedNumber,
  showWhen: z.object({ field: z.string(), value: z.string() }).nullable().optional(),
});
type FieldShape = z.output<typeof fieldShape>;

/** A text in each language, trimmed, without the languages left empty. */
export function canonicalText(text: FieldText | undefined): FieldText {
  const out: FieldText = {};
  for (const lang of locales) {
    const value = text?.[lang]?.trim();
    if (value) out[lang] = value;
  }
  return out;
}

const hasAny = (text: FieldText) => Object.keys(text).length > 0;

/**
 * A field as stored: only what its kind uses (a number's bounds, a choice field's choices, a file
 * field's types and count), texts trimmed, and nothing empty.
 */
export function canonicalField(field: FieldShape | FieldDefinition): FieldDefinition {
  const kind = field.kind as FieldKind;
  const out: FieldDefinition = { code: field.code.trim(), kind, required: field.required === true, label: canonicalText(field.label) };
  const help = canonicalText(field.help);
  if (hasAny(help)) out.help = help;
  if (kind === "number") {
    if (field.min != null) out.min = field.min;
    if (field.max != null) out.max = field.max;
  }
  if (kind === "single_choice" || kind === "multiple_choice") {
    out.choices = (field.choices ?? []).map((c) => ({ value: c.value.trim(), label: canonicalText(c.label) }));
  }
  if (kind === "file") {
    const types = new Set(field.fileTypes ?? []);
    out.fileTypes = FIELD_FILE_TYPES.filter((t) => types.has(t));
    out.maxFiles = field.maxFiles ?? 1;
  }
  const when = field.showWhen;
  if (when && when.field.trim() !== "") out.showWhen = { field: when.field.trim(), value: when.value.trim() };
  return out;
}

/** The same text for the same definition whatever the order of its keys (jsonb reorders them). */
export function definitionKey(fields: readonly FieldDefinition[]): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return JSON.stringify(fields.map((f) => sorted(canonicalField(f))));
}

/**
 * The definition's shape, from the posted JSON text: a list of fields, read and made canonical.
 * Text that is no JSON, or a list of something else, is refused as a whole (`admin.errors.fields_invalid`):
 * the editor never sends it, a hand-made post may.
 */
export const fieldDefinitionsSchema = z
  .string({ error: E("fields_invalid") })
  .max(MAX_DEFINITION_CHARS, E("fields_invalid"))
  .transform((raw, ctx): FieldDefinition[] => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: "custom", message: E("fields_invalid") });
      return z.NEVER;
    }
    if (Array.isArray(json) && json.length > MAX_POSTED_FIELDS) {
      ctx.addIssue({ code: "custom", message: E("fields_too_many") });
      return z.NEVER;
    }
    // Any shape refused is one refusal of the whole form: zod's own sentences are never shown.
    const shaped = z.array(fieldShape).safeParse(json);
    if (!shaped.success) {
      ctx.addIssue({ code: "custom", message: E("fields_invalid") });
      return z.NEVER;
    }
    return shaped.data.map(canonicalField);
  });

/** The key of a refusal about the field at `index` (the editor shows it at that field). */
export const fieldErrorKey = (index: number) => `fields.${index}`;

/**
 * A type's fields as the editor posts them: the type, the version the editor started from (empty:
 * none), and the definition — its shape, then its meaning, each refusal at its field's key.
 */
export const requestTypeFieldsInputSchema = z
  .object({
    categoryId: tableId(E("category_unknown")),
    basedOn: z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), z.coerce.number().int().min(1).nullable()),
    fields: fieldDefinitionsSchema,
  })
  .superRefine((input, ctx) => {
    for (const issue of definitionIssues(input.fields)) {
      // Too many fields is about the whole form, not about the 31st.
      const whole = issue.code === E("fields_too_many") || issue.index >= input.fields.length;
      ctx.addIssue({ code: "custom", path: [whole ? "fields" : fieldErrorKey(issue.index)], message: issue.code });
    }
  });
