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

/** A localized text as shown, with the language it is written in (which may not be the page's). */
export type ShownText = { text: string; lang: Locale };

/**
 * Picks the text of a localized database field in `locale`, else in the city's default language
 * `fallback`, else in any language it has (an empty text counts as missing); with the language
 * picked, so that a page can mark a fallback with its own `lang` and `dir` (French on an Arabic
 * page keeps its full stop at its end). Null when there is no text at all.
 */
export function localizedWithLang(
  text: { fr?: string; ar?: string; en?: string } | null | undefined,
  locale: Locale,
  fallback: Locale = defaultLocale,
): ShownText | null {
  if (!text) return null;
  for (const lang of [locale, fallback, ...locales]) {
    const value = text[lang]?.trim();
    if (value) return { text: value, lang };
  }
  return null;
}
