import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview, getCityLogo } from "@/lib/dal/admin";
import type { Locale } from "@/lib/i18n/config";
import { removeCityLogoAction, setCityLogoAction, updateCityAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("city");

/** The city's names in the three languages, its emergency number, its map, and the letterhead of its letters. */
export default async function AdminCityPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const [{ city: c }, logo] = await Promise.all([getAdminOverview(viewer), getCityLogo(viewer)]);
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="city-title">
        <h1 id="city-title">{t("city.title")}</h1>
        <p className="hint">{t("city.prefixFixed", { prefix: c.trackingPrefix, zone: c.timeZone, currency: c.currency })}</p>
        <ActionForm action={updateCityAction} submitLabel={t("save")}>
          <div className="admin-grid">
            <Field name="nameFr" label={t("fields.nameFr")} value={c.name.fr} lang="fr" />
            <Field name="nameAr" label={t("fields.nameAr")} value={c.name.ar} lang="ar" />
            <Field name="nameEn" label={t("fields.nameEn")} value={c.name.en} lang="en" />
            <Field name="emergencyPhone" label={t("fields.emergencyPhone")} value={c.emergencyPhone} />
            <Field name="centerLat" label={t("fields.centerLat")} value={c.centerLat} />
            <Field name="centerLng" label={t("fields.centerLng")} value={c.centerLng} />
            <Field name="minLat" label={t("fields.minLat")} value={c.minLat} />
            <Field name="minLng" label={t("fields.minLng")} value={c.minLng} />
            <Field name="maxLat" label={t("fields.maxLat")} value={c.maxLat} />
            <Field name="maxLng" label={t("fields.maxLng")} value={c.maxLng} />
          </div>
          <h2 id="letterhead-title">{t("city.letterheadTitle")}</h2>
          <p className="hint">{t("city.letterheadHint")}</p>
          <div className="admin-grid">
            <Field name="postalAddressFr" label={t("fields.postalAddressFr")} value={c.postalAddress?.fr} lang="fr" multiline />
            <Field name="postalAddressAr" label={t("fields.postalAddressAr")} value={c.postalAddress?.ar} lang="ar" multiline />
            <Field name="postalAddressEn" label={t("fields.postalAddressEn")} value={c.postalAddress?.en} lang="en" multiline />
            <Field name="openingHoursFr" label={t("fields.openingHoursFr")} value={c.openingHours?.fr} lang="fr" multiline />
            <Field name="openingHoursAr" label={t("fields.openingHoursAr")} value={c.openingHours?.ar} lang="ar" multiline />
            <Field name="openingHoursEn" label={t("fields.openingHoursEn")} value={c.openingHours?.en} lang="en" multiline />
            <Field name="phone" label={t("fields.phone")} value={c.phone} type="tel" />
          </div>
        </ActionForm>
      </section>
      <section aria-labelledby="logo-title">
        <h2 id="logo-title">{t("city.logoTitle")}</h2>
        {logo ? (
          // A data: URL (the CSP allows img-src data:): the logo is only for administrators, never a public address.
          <img className="admin-logo" src={`data:image/png;base64,${logo.toString("base64")}`} alt={t("city.logoCurrent")} />
        ) : (
          <p className="hint">{t("city.logoNone")}</p>
        )}
        <ActionForm action={setCityLogoAction} submitLabel={t("city.logoUpload")} testId="city-logo">
          <div className="field">
            <label htmlFor="city-logo-file">{t("fields.logo")}</label>
            <p id="city-logo-hint" className="hint">
              {t("city.logoHint")}
            </p>
            <input id="city-logo-file" name="logo" type="file" accept="image/png,image/jpeg" aria-describedby="city-logo-hint" required />
          </div>
        </ActionForm>
        {c.hasLogo ? <ActionForm action={removeCityLogoAction} submitLabel={t("city.logoRemove")} variant="secondary" /> : null}
      </section>
    </div>
  );
}
