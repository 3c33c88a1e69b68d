import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { Link } from "@/lib/i18n/navigation";

/** Shown instead of a report when this address has used up its look-ups of tracking numbers. */
export async function LookupRefused({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "tracking" });
  return (
    <div className="container">
      <h1>{t("lookupTitle")}</h1>
      <p className="alert alert--error" role="alert">
        {t("errors.rate_limited")}
      </p>
      <p>
        <Link href="/track">{t("another")}</Link>
      </p>
    </div>
  );
}
