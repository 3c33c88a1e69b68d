/**
 * A request type's own fields (lib/domain/request-fields) as Open311 GeoReport v2 sees them: the
 * `attributes` of its service definition (`GET services/{code}`), and the `attribute[code]` answers
 * of a `POST requests`, read back into the names the one schema of the form reads (`field.<code>`).
 *
 * File fields have no place in Open311's form-encoded POST: they are left out of the attributes, their
 * answers are never read from a POST (an upload's claim token must not be handed over by a third
 * party), and a type with a required file field cannot be filed through Open311 at all.
 * Pure: the texts come from a translator the caller gives, in the language it chose.
 */
import type { Locale } from "@/lib/i18n/config";
import { type FieldDefinition, fieldInputName, fieldText } from "@/lib/domain/request-fields";

export type Open311Datatype = "string" | "number" | "datetime" | "text" | "singlevaluelist" | "multivaluelist";

export type Open311Attribute = {
  variable: true;
  code: string;
  datatype: Open311Datatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
};

/** The translator of the `open311.attributes` messages: `t("yes")`, `t("number_between", { min, max })`… */
export type AttributeWords = (key: string, values?: Record<string, string | number>) => string;

const DATATYPES: Record<Exclude<FieldDefinition["kind"], "file">, Open311Datatype> = {
  short_text: "string",
  email: "string",
  phone: "string",
  number: "number",
  date: "datetime",
  long_text: "text",
  single_choice: "singlevaluelist",
  yes_no: "singlevaluelist",
  multiple_choice: "multivaluelist",
};

/** Whether a field can be answered through Open311 (a file cannot be sent form-encoded). */
export const sendable = (field: FieldDefinition) => field.kind !== "file";

/**
 * The fields that stop a type from being filed through Open311: its required file fields asked
 * whatever the other answers (a conditional one only refuses the requests whose answers ask it).
 */
export function unsendableFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => !sendable(f) && f.required && !f.showWhen);
}

/**
 * The attributes of a form: one per field that can be sent, in the form's order (`order` is the
 * field's 1-based position in the form), its label as `description` in `locale` (else the city's
 * language `fallback`, else any), its help and its rules (bounds, date format, condition) as
 * `datatype_description`. A field shown only when another has some value is not `required` in
 * Open311's sense (a client would ask it always): its description says when it is asked and whether
 * it is then required; the POST refuses it missing when its condition holds.
 */
export function serviceAttributes(fields: readonly FieldDefinition[], locale: Locale, fallback: Locale, t: AttributeWords): Open311Attribute[] {
  const text = (value: FieldDefinition["label"] | undefined) => fieldText(value, locale, fallback)?.text ?? "";
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const out: Open311Attribute[] = [];
  fields.forEach((field, index) => {
    if (field.kind === "file") return;
    const notes: string[] = [];
    const help = text(field.help);
    if (help) notes.push(help);
    if (field.kind === "number") {
      // As strings: the bounds as a client must send them (no "5,000", no Arabic-Indic digits).
      const min = field.min != null ? String(field.min) : null;
      const max = field.max != null ? String(field.max) : null;
      if (min !== null && max !== null) notes.push(t("number_between", { min, max }));
      else if (min !== null) notes.push(t("number_at_least", { min }));
      else if (max !== null) notes.push(t("number_at_most", { max }));
    }
    if (field.kind === "date") notes.push(t("date_format"));
    if (field.kind === "multiple_choice") notes.push(t("multiple_values", { code: field.code }));
    if (field.showWhen) {
      const target = byCode.get(field.showWhen.field);
      const value = field.showWhen.value;
      const valueName = target?.kind === "yes_no" ? t(value === "yes" ? "yes" : "no") : text(target?.choices?.find((c) => c.value === value)?.label) || value;
      const facts = { field: text(target?.label) || field.showWhen.field, code: field.showWhen.field, value, name: valueName };
      notes.push(t(field.required ? "required_when" : "asked_when", facts));
    }
    const attribute: Open311Attribute = {
      variable: true,
      code: field.code,
      datatype: DATATYPES[field.kind],
      required: field.required && !field.showWhen,
      datatype_description: notes.length ? notes.join(" ") : null,
      order: index + 1,
      description: text(field.label),
    };
    if (field.kind === "yes_no")
      attribute.values = [
        { key: "yes", name: t("yes") },
        { key: "no", name: t("no") },
      ];
    else if (field.kind === "single_choice" || field.kind === "multiple_choice")
      attribute.values = (field.choices ?? []).map((c) => ({ key: c.value, name: text(c.label) || c.value }));
    out.push(attribute);
  });
  return out;
}

const ATTRIBUTE_NAME = /^attribute\[([^\]]*)\](\[\])?$/;

/**
 * The `attribute[code]` answers of a form-encoded POST, by code. A multivaluelist comes as repeated
 * `attribute[code][]=v` (the specification's form) or repeated `attribute[code]=v`: both are read,
 * in the order sent. Empty values are dropped, as the rest of the POST's empty values are.
 */
export function postedAttributes(entries: Iterable<[string, string]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of entries) {
    const match = ATTRIBUTE_NAME.exec(name);
    if (!match || value.trim() === "") continue;
    const list = out.get(match[1]) ?? [];
    list.push(value);
    out.set(match[1], list);
  }
  return out;
}

/**
 * The answers posted for a form, under the names its one schema reads (`field.<code>`): a
 * multivaluelist as its list, any other field its (first) value. File fields and codes the form does
 * not have are not read.
 */
export function answersInput(fields: readonly FieldDefinition[], posted: ReadonlyMap<string, readonly string[]>): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const field of fields) {
    const values = posted.get(field.code);
    if (!values?.length || !sendable(field)) continue;
    if (field.kind === "multiple_choice") input[fieldInputName(field.code)] = [...values];
    // Open311's datetime is ISO 8601: of a date-time, the day as the client wrote it.
    else if (field.kind === "date")
      input[fieldInputName(field.code)] = /^\d{4}-\d{2}-\d{2}T/.test(values[0].trim()) ? values[0].trim().slice(0, 10) : values[0];
    else input[fieldInputName(field.code)] = values[0];
  }
  return input;
}

/** The attribute an answer's posted name (`field.<code>`) stands for: `attribute[code]`. */
export function attributeNameOf(inputName: string): string | null {
  return inputName.startsWith("field.") ? `attribute[${inputName.slice("field.".length)}]` : null;
}
