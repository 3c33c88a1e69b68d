/**
 * Rules every submitted value goes through, whatever the form: identifiers of the city's tables
 * (small integers: a larger number names nothing, and must be refused before the database sees it),
 * and text as PostgreSQL can store it (no NUL byte, no half of a surrogate pair).
 */
import { z } from "zod";

/** The largest id of the city's reference tables (services, categories, districts, delegates, templates: smallint). */
export const SMALLINT_MAX = 32_767;

/** A positive id of a reference table; `message` is the translated code when it is not one. */
export const tableId = (message?: string) =>
  z.coerce
    .number(message ? { error: message } : undefined)
    .int(message)
    .positive(message)
    .max(SMALLINT_MAX, message);

/** Text as it may be stored: NUL and other control characters (but tab and line breaks) dropped, lone surrogates replaced. */
export function storableText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what storable text drops
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").toWellFormed();
}
