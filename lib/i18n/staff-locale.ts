/**
 * The language a member of staff reads the platform's mails, exports and summaries in: their own
 * choice (users.locale), else the city's default language (city.default_locale), else French.
 * Pure: both values come from the database, where a stale or mistyped one must not break a mail.
 */
import { defaultLocale, isLocale, type Locale } from "./config";

/**
 * @param userLocale the account's choice; null when the person never chose (the city's default applies)
 * @param cityDefault the city's default language
 */
export function staffLocale(userLocale: string | null | undefined, cityDefault: string | null | undefined): Locale {
  if (isLocale(userLocale)) return userLocale;
  if (isLocale(cityDefault)) return cityDefault;
  return defaultLocale;
}
