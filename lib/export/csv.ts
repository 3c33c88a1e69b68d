/**
 * CSV for spreadsheets: csv-stringify with formula escaping, so that a cell starting with =, +, -
 * or @ (a citizen's text, a reason) is never run by Excel or LibreOffice.
 *
 * Two dialects. For people (the default): a BOM so that Excel reads UTF-8, and in French and Arabic
 * the `;` separator and the decimal comma their spreadsheets expect (a comma there is the decimal
 * separator); English keeps `,` and the decimal point. For programs (`?format=machine`): `,`, the
 * decimal point, no BOM, and codes instead of translated words (the exports say which).
 */
import { stringify } from "csv-stringify/sync";
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { messages } from "@/lib/i18n/messages";

export type CsvDialect = { delimiter: ";" | ","; decimal: "," | "."; bom: boolean; machine: boolean };

export const MACHINE_CSV: CsvDialect = { delimiter: ",", decimal: ".", bom: false, machine: true };

/** The dialect an export is asked in: `format=machine` for programs, otherwise the reader's language's. */
export function csvDialect(format: string | null | undefined, locale: Locale): CsvDialect {
  if (format === "machine") return MACHINE_CSV;
  return locale === "en" ? { delimiter: ",", decimal: ".", bom: true, machine: false } : { delimiter: ";", decimal: ",", bom: true, machine: false };
}

/** A number as the dialect writes it (`digits` fixed decimals, e.g. 2 for an amount). */
export function csvNumber(value: number | null | undefined, dialect: CsvDialect, digits?: number): string {
  if (value === null || value === undefined) return "";
  const text = digits === undefined ? String(value) : value.toFixed(digits);
  return dialect.decimal === "," ? text.replace(".", ",") : text;
}

export function toCsv(
  header: string[],
  rows: (string | number | null | undefined)[][],
  dialect: CsvDialect = { delimiter: ",", decimal: ".", bom: true, machine: false },
): string {
  const body = stringify([header, ...rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : typeof v === "number" ? csvNumber(v, dialect) : v)))], {
    escape_formulas: true,
    record_delimiter: "windows",
    delimiter: dialect.delimiter,
  });
  return dialect.bom ? `\uFEFF${body}` : body;
}

/** The words of an export in the reader's language: one namespace of the messages. */
export const csvTranslator = (locale: Locale, namespace: string) =>
  createTranslator({ locale, messages: messages[locale], namespace } as never) as unknown as (key: string) => string;
