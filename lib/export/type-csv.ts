/**
 * The CSV of one request type's requests: a few columns every request has (reference, day filed,
 * status, channel, service, form version), then one column per field of the type. Across the form's
 * versions the fields are the union of their codes: the current version's in its order, then the
 * fields only older versions had (newest version first). Each answer is read with the definition of
 * the version its request was filed with (a choice since removed keeps its label).
 *
 * For people: headers are the fields' labels in the reader's language (else the city's, else any),
 * choices their labels, yes/no translated. For programs (`format=machine`): field codes, choice
 * values, `yes`/`no`. Files are their names (never a storage key or a claim token); e-mail and phone
 * answers only for a reader who may see the citizen's contact. Pure: the data layer gives the rows.
 */
import type { ReportChannel, ReportStatus } from "@/db/schema";
import { type FieldAnswers, type FieldDefinition, type FieldKind, type FieldValue, type FormDefinition, fieldText } from "@/lib/domain/request-fields";
import type { Locale } from "@/lib/i18n/config";
import { csvTranslator, MACHINE_CSV, toCsv, type CsvDialect } from "./csv";

/** Answers that are a way to reach someone (as lib/domain/request-fields `shownAnswers` decides). */
const CONTACT_KINDS: ReadonlySet<FieldKind> = new Set(["email", "phone"]);

/** The columns every request has, by code (their headers: stats.typeCsv.<code>). */
export const BASE_COLUMNS = ["reference", "submitted_on", "status", "channel", "service", "form_version"] as const;

export type FieldColumn = {
  code: string;
  /** The definition the header is read from: the current version's, else the newest that has the code. */
  field: FieldDefinition;
};

/**
 * The field columns of a type: the union of the codes of its versions, the current version's first
 * in its order, then older-only ones (newest version first, each in its form's order). A code that is
 * an e-mail or a phone in any version is left out when the reader may not see contacts.
 */
export function typeFieldColumns(forms: readonly FormDefinition[], currentVersion: number | null, options: { seesContact: boolean }): FieldColumn[] {
  const ordered = [...forms].sort((a, b) => (a.version === currentVersion ? -1 : b.version === currentVersion ? 1 : b.version - a.version));
  const contact = new Set(forms.flatMap((f) => f.fields.filter((field) => CONTACT_KINDS.has(field.kind)).map((field) => field.code)));
  const out = new Map<string, FieldColumn>();
  for (const form of ordered)
    for (const field of form.fields) {
      if (out.has(field.code) || (!options.seesContact && contact.has(field.code))) continue;
      out.set(field.code, { code: field.code, field });
    }
  return [...out.values()];
}

/** One request as the data layer gives it: its answers already without what the reader may not see. */
export type TypeRequestRow = {
  reference: string;
  /** The local day it was filed (YYYY-MM-DD, city time). */
  submittedOn: string;
  status: ReportStatus;
  channel: ReportChannel;
  service: string;
  formVersion: number | null;
  answers: FieldAnswers;
  /** The names of the request's files, by attachment id (what a file answer holds once filed). */
  fileNames: ReadonlyMap<string, string>;
  /** Whether the reader may see this request's citizen contact (its e-mail and phone answers). */
  seesContact: boolean;
};

type Words = { yes: string; no: string; machine: boolean; locale: Locale; fallback: Locale };

/**
 * An answer as a cell: text and dates as typed, numbers as numbers (the dialect writes them), choices
 * as their labels (values for programs, multiple ones joined with "; "), yes/no in words, files as
 * their names (ids no file is known by are left out, never written).
 */
export function answerCell(
  field: FieldDefinition,
  value: FieldValue | undefined,
  fileNames: ReadonlyMap<string, string>,
  words: Words,
): string | number | null {
  if (value === undefined || value === null) return null;
  const choice = (v: string) => (words.machine ? v : (fieldText(field.choices?.find((c) => c.value === v)?.label, words.locale, words.fallback)?.text ?? v));
  switch (field.kind) {
    case "number":
      return typeof value === "number" ? value : Number.isFinite(Number(value)) ? Number(value) : String(value);
    case "yes_no": {
      const yes = value === true || value === "yes" || value === "true";
      return words.machine ? (yes ? "yes" : "no") : yes ? words.yes : words.no;
    }
    case "single_choice":
      return Array.isArray(value) ? value.map(choice).join("; ") : choice(String(value));
    case "multiple_choice":
      return (Array.isArray(value) ? value : [String(value)]).map(choice).join("; ");
    case "file": {
      const ids = Array.isArray(value) ? value : [String(value)];
      return ids.flatMap((id) => (fileNames.has(id) ? [fileNames.get(id)!] : [])).join("; ");
    }
    default:
      return Array.isArray(value) ? value.join("; ") : String(value);
  }
}

/** The headers and the cells of the export, in the dialect asked. */
export function typeRequestsTable(
  input: { forms: readonly FormDefinition[]; currentVersion: number | null; rows: readonly TypeRequestRow[]; seesContact: boolean },
  locale: Locale,
  fallback: Locale,
  dialect: CsvDialect = MACHINE_CSV,
): { header: string[]; rows: (string | number | null)[][] } {
  const columns = typeFieldColumns(input.forms, input.currentVersion, { seesContact: input.seesContact });
  const byVersion = new Map(input.forms.map((f) => [f.version, new Map(f.fields.map((field) => [field.code, field]))]));
  const t = dialect.machine ? null : csvTranslator(locale, "stats.typeCsv");
  const status = dialect.machine ? (code: string) => code : csvTranslator(locale, "staff.status");
  const channel = dialect.machine ? (code: string) => code : csvTranslator(locale, "staff.channel");
  const words: Words = { yes: t ? t("yes") : "yes", no: t ? t("no") : "no", machine: dialect.machine, locale, fallback };
  const header = [
    ...BASE_COLUMNS.map((code) => (t ? t(code) : code)),
    ...columns.map((c) => (dialect.machine ? c.code : (fieldText(c.field.label, locale, fallback)?.text ?? c.code))),
  ];
  const rows = input.rows.map((r) => {
    const own = r.formVersion === null ? undefined : byVersion.get(r.formVersion);
    return [
      r.reference,
      r.submittedOn,
      status(r.status),
      channel(r.channel),
      r.service,
      r.formVersion,
      ...columns.map((c) => {
        const field = own?.get(c.code) ?? c.field;
        // Checked again per request: its own version's definition decides whether the answer is a contact.
        if (!r.seesContact && (CONTACT_KINDS.has(field.kind) || CONTACT_KINDS.has(c.field.kind))) return null;
        return answerCell(field, r.answers[c.code], r.fileNames, words);
      }),
    ];
  });
  return { header, rows };
}

/** The export as CSV text (formula escaping and the dialect's separators by lib/export/csv). */
export function typeRequestsCsv(
  input: { forms: readonly FormDefinition[]; currentVersion: number | null; rows: readonly TypeRequestRow[]; seesContact: boolean },
  locale: Locale,
  fallback: Locale,
  dialect: CsvDialect = MACHINE_CSV,
): string {
  const { header, rows } = typeRequestsTable(input, locale, fallback, dialect);
  return toCsv(header, rows, dialect);
}
