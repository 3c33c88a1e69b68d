import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { isLocale } from "@/lib/i18n/config";
import { clientMessages } from "@/lib/i18n/messages";

/**
 * Gives the client components inside it the messages they translate in the browser (see
 * CLIENT_MESSAGES): a page wraps its interactive parts, so that each page carries its own sets only.
 */
export async function ClientMessages({ sets, children }: { sets: readonly (readonly string[])[]; children: React.ReactNode }) {
  const locale = await getLocale();
  return <NextIntlClientProvider messages={clientMessages(isLocale(locale) ? locale : "fr", sets.flat())}>{children}</NextIntlClientProvider>;
}
