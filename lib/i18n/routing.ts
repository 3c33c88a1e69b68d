import { defineRouting } from "next-intl/routing";
import { defaultLocale, locales } from "./config";

/** French has no prefix; Arabic and English live under /ar and /en. The URL alone decides. */
export const routing = defineRouting({
  locales,
  defaultLocale,
  localePrefix: "as-needed",
  localeDetection: false,
});
