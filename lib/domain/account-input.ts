/** What a member of staff may submit about their own account. Errors are `account.errors.*` codes. */
import { z } from "zod";
import { isLocale, type Locale } from "@/lib/i18n/config";

/** The language of their mails and exports: one of the interface's, or "" for the city's default (null). */
export const staffLocaleInputSchema = z.object({
  locale: z
    .string()
    .default("")
    .refine((v) => v === "" || isLocale(v), "account.errors.locale_invalid")
    .transform((v): Locale | null => (v === "" ? null : (v as Locale))),
});
