import { useTranslations } from "next-intl";
import { setRequestLocale } from "next-intl/server";
import { use } from "react";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/config";

export default function HomePage({ params }: { params: Promise<{ locale: Locale }> }) {
  setRequestLocale(use(params).locale);
  const t = useTranslations("home");
  return (
    <div className="container">
      <section className="home-hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("title")}</h1>
        <p>{t("intro")}</p>
        <div className="actions">
          <Link href="/report" className="button">
            {t("reportCta")}
          </Link>
          <Link href="/track" className="button button--secondary">
            {t("trackCta")}
          </Link>
        </div>
      </section>
      <section className="home-tiles" aria-label={t("howItWorks")}>
        <div className="card">
          <h2>{t("steps.report.title")}</h2>
          <p>{t("steps.report.text")}</p>
        </div>
        <div className="card">
          <h2>{t("steps.route.title")}</h2>
          <p>{t("steps.route.text")}</p>
        </div>
        <div className="card">
          <h2>{t("steps.answer.title")}</h2>
          <p>{t("steps.answer.text")}</p>
        </div>
        <div className="card">
          <h2>{t("mapTitle")}</h2>
          <p>{t("mapText")}</p>
          <Link href="/map">{t("mapCta")}</Link>
        </div>
      </section>
    </div>
  );
}
