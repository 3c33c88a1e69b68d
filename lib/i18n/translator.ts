/**
 * A translator over all messages of a locale, outside a request (mails, letters). The messages are
 * JSON loaded at run time: keys are checked by the messages test, not by types. Made once per locale.
 */
import { createTranslator } from "next-intl";
import type { Locale } from "./config";
import { messages } from "./messages";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

const translators = new Map<Locale, Translate>();

export function translatorFor(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = createTranslator({ locale, messages: messages[locale] }) as unknown as Translate));
  return t;
}
