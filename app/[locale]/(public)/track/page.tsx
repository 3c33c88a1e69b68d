import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { getCity } from "@/lib/dal/reference";
import { trackingNumberExists } from "@/lib/dal/reports";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/address";
import { admitTrackingLookup } from "@/lib/dal/tracking-access";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import type { ErrorName } from "@/lib/i18n/keys";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "tracking" });
  return { title: t("lookupTitle") };
}

/** A plain GET form: works without JavaScript, and the typed number stays in the field on error. */
export default async function TrackLookupPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ n?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "tracking" });
  const typed = [(await searchParams).n].flat()[0]?.slice(0, 64) ?? "";
  let error: ErrorName<"tracking"> | null = null;
  if (typed.trim() !== "" && !(await admitTrackingLookup(clientAddress(await headers()))).allowed) {
    // Look-ups are limited per address: tracking numbers cannot be enumerated.
    error = "rate_limited";
  } else if (typed.trim() !== "") {
    const city = await getCity();
    const parsed = parseTrackingNumber(typed, city.trackingPrefix);
    if (!parsed.ok) error = parsed.error === "tracking.format" ? "format" : "checksum";
    else if (!(await trackingNumberExists(parsed.trackingNumber))) error = "not_found";
    else redirect({ href: `/track/${parsed.trackingNumber}`, locale });
  }
  return (
    <div className="container">
      <h1>{t("lookupTitle")}</h1>
      <p>{t("lookupIntro")}</p>
      <form method="get" className="card" noValidate>
        <div className="field">
          <label htmlFor="tracking-input">{t("numberLabel")}</label>
          <p className="hint" id="tracking-hint">
            {t("numberHint")}
          </p>
          <input
            id="tracking-input"
            name="n"
            defaultValue={typed}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            dir="ltr"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "tracking-hint tracking-error" : "tracking-hint"}
          />
          {error ? (
            <p className="field-error" id="tracking-error" role="alert">
              {t(`errors.${error}`)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t("lookupSubmit")}
        </button>
      </form>
    </div>
  );
}
