/** The interface languages. French is the default and has no URL prefix; Arabic is right-to-left. */
export const locales = ["fr", "ar", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "fr";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

/** Picks the text of a localized database field, falling back to French. */
export function localized(text: { fr: string; ar?: string; en?: string } | null | undefined, locale: Locale): string {
  if (!text) return "";
  return text[locale] ?? text.fr;
}
