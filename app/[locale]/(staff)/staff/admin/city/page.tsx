import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview } from "@/lib/dal/admin";
import type { Locale } from "@/lib/i18n/config";
import { updateCityAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("city");

/** The city's names in the three languages, its emergency number and its map. */
export default async function AdminCityPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const { city: c } = await getAdminOverview(viewer);
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
        </ActionForm>
      </section>
    </div>
  );
}
