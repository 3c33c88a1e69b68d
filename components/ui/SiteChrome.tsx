import { getLocale, getTranslations } from "next-intl/server";
import { getCity } from "@/lib/dal/reference";
import { isLocale, localized } from "@/lib/i18n/config";
import { Link } from "@/lib/i18n/navigation";
import { LanguageSwitcher } from "./LanguageSwitcher";

/** The city's name comes from the database: one deployment serves one city. */
async function cityName(): Promise<string> {
  const locale = await getLocale();
  return localized((await getCity()).name, isLocale(locale) ? locale : "fr");
}

export async function SiteHeader() {
  const t = await getTranslations("common");
  const city = await cityName();
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="brand" prefetch={false}>
          <span className="brand__name">{t("appName")}</span>
          <span className="brand__city">{city}</span>
        </Link>
        {/* Not prefetched: on every page view these five links would fetch five pages (the map's
            points, the results' statistics) that a citizen on a phone's data plan rarely opens next;
            the page is fetched when the link is followed. */}
        <nav aria-label={t("mainNav")} className="main-nav">
          <ul>
            <li>
              <Link href="/report" prefetch={false}>
                {t("nav.report")}
              </Link>
            </li>
            <li>
              <Link href="/track" prefetch={false}>
                {t("nav.track")}
              </Link>
            </li>
            <li>
              <Link href="/map" prefetch={false}>
                {t("nav.map")}
              </Link>
            </li>
            <li>
              <Link href="/results" prefetch={false}>
                {t("nav.results")}
              </Link>
            </li>
          </ul>
        </nav>
        <LanguageSwitcher />
      </div>
    </header>
  );
}

export async function SiteFooter() {
  const t = await getTranslations("common");
  const city = await cityName();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer", { city })}</p>
      </div>
    </footer>
  );
}
