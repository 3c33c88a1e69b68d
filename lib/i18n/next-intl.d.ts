/** next-intl's types augmented with this app's locales and messages: `t("nope")` fails `tsc`. */
import type { Locale } from "./config";
import type { AppMessages } from "./keys";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: AppMessages;
  }
}
