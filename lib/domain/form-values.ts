/**
 * Rules every submitted value goes through, whatever the form: identifiers of the city's tables
 * (small integers: a larger number names nothing, and must be refused before the database sees it),
 * and text as PostgreSQL can store it (no NUL byte, no half of a surrogate pair).
 */
import { z } from "zod";
import type { TranslatedErrorCode } from "@/lib/errors";
import type { ErrorName } from "@/lib/i18n/keys";

const R = (code: ErrorName<"report">) => `report.errors.${code}` as const;

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

/** A row's id as the database writes it (a UUID, lower case): anything else names nothing and is refused before a query. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The one UUID schema of the forms; `message` is the code shown when the value names nothing. */
export const uuidInput = (message: TranslatedErrorCode) => z.string().regex(UUID, message);

/** What an upload answered for a file (app/api/uploads), sent back with the form that attaches it. */
export const ATTACHMENT_TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

/** One upload's token, as a form sends it. */
export const attachmentToken = z.string().regex(ATTACHMENT_TOKEN, R("file_unknown"));

/** The tokens of the files a form attaches, at most `max`. */
export const attachmentTokens = (max: number) => z.array(attachmentToken).max(max, R("files_too_many")).default([]);
