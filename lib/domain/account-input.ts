/**
 * What a member of staff may submit about their own account: the language of their mails, and (the
 * sign-in side's forms) sign-in, the forgotten password, a new password, the second factor's code.
 * Errors are `account.errors.*` codes; the password forms name one refused field at a time, so their
 * schemas only bound the fields and the actions say which is missing (`password.errors.missing`…).
 */
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

export const signInInputSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  code: z.string().trim().max(40).optional(),
  next: z.string().optional(),
});

export const passwordResetRequestSchema = z.object({ email: z.string().trim().max(254).pipe(z.email()) });

const passwordFields = z.object({ password: z.string().max(400).default(""), confirm: z.string().max(400).default("") });
export const passwordResetInputSchema = passwordFields.extend({ token: z.string().max(200) });
export const passwordChangeInputSchema = passwordFields.extend({ current: z.string().max(400).default("") });

export const enrolmentCodeSchema = z.object({ code: z.string().trim().max(40).default("") });
