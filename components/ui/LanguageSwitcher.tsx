"use client";

import { useLocale, useTranslations } from "next-intl";
import { locales } from "@/lib/i18n/config";
import { Link, usePathname } from "@/lib/i18n/navigation";

const NATIVE_NAMES = { fr: "Français", ar: "العربية", en: "English" } as const;

/** Links to the same page in each language (the path and its parameters are kept). */
export function LanguageSwitcher() {
  const t = useTranslations("common");
  const current = useLocale();
  const pathname = usePathname();
  return (
    <nav aria-label={t("languages")} className="lang-switcher">
      <ul>
        {locales.map((locale) => (
          <li key={locale}>
            <Link
              // usePathname gives the route with its dynamic values already filled in.
              href={pathname}
              locale={locale}
              // A change of language is rare: the page is not fetched ahead in every language on
              // every visit (a phone's data plan pays for it; the current one even went through a redirect).
              prefetch={false}
              lang={locale}
              hrefLang={locale}
              aria-current={locale === current ? "true" : undefined}
            >
              {NATIVE_NAMES[locale]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
