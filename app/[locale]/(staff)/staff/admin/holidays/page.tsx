import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview } from "@/lib/dal/admin";
import { localized, type Locale } from "@/lib/i18n/config";
import { addHolidayAction, removeHolidayAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("holidays");

/** The city's own closing days, beside the country's public holidays that the calendar already skips. */
export default async function AdminHolidaysPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const data = await getAdminOverview(viewer);
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="holidays-title">
        <h1 id="holidays-title">{t("holidays.title")}</h1>
        <p className="hint">{t("holidays.intro", { country: data.city.holidayCountry })}</p>
        <ul className="plain-list">
          {data.holidays.map((h) => (
            <li key={h.day} className="admin-row">
              <span>
                {h.day} — {localized(h.name, locale)}
              </span>
              <ActionForm action={removeHolidayAction} submitLabel={t("remove")} hidden={{ day: h.day }} variant="secondary" />
            </li>
          ))}
        </ul>
        <ActionForm action={addHolidayAction} submitLabel={t("holidays.add")} title={t("holidays.add")}>
          <div className="admin-grid">
            <Field name="day" label={t("fields.day")} type="date" />
            <Field name="nameFr" label={t("fields.nameFr")} />
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
