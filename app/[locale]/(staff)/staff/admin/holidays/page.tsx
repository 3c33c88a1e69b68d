import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getHolidayCalendar } from "@/lib/dal/admin";
import { middayOf } from "@/lib/domain/deadlines";
import { directionOf, type Locale } from "@/lib/i18n/config";
import { addHolidayAction, removeHolidayAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("holidays");

/**
 * The days the working-day count skips: the city's own closing days, which an administrator adds
 * and removes, beside the country's official public holidays of this year and the next (read-only).
 * Days are shown in the reader's language, on the city's calendar.
 */
export default async function AdminHolidaysPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const format = await getFormatter({ locale });
  const calendar = await getHolidayCalendar(viewer, locale);
  const day = (iso: string) => (
    <time dateTime={iso}>{format.dateTime(middayOf(iso, calendar.timeZone), { dateStyle: "full", timeZone: calendar.timeZone })}</time>
  );
  return (
    <div className="container container--wide admin">
      <h1>{t("holidays.title")}</h1>
      <p className="hint">{t("holidays.intro", { country: calendar.country })}</p>
      <div className="holiday-columns">
        <section aria-labelledby="holidays-added-title">
          <h2 id="holidays-added-title">{t("holidays.added")}</h2>
          {calendar.added.length === 0 ? <p>{t("holidays.addedEmpty")}</p> : null}
          <ul className="plain-list">
            {calendar.added.map((h) => (
              <li key={h.day} className="admin-row holiday">
                <span>
                  <span className="holiday-label holiday-label--added">{t("holidays.labelAdded")}</span> {day(h.day)} —{" "}
                  {h.name ? (
                    <bdi lang={h.name.lang} dir={directionOf(h.name.lang)}>
                      {h.name.text}
                    </bdi>
                  ) : null}
                  {h.alsoOfficial ? <span className="hint"> ({t("holidays.alsoOfficial")})</span> : null}
                </span>
                <ActionForm action={removeHolidayAction} submitLabel={t("remove")} hidden={{ day: h.day }} variant="secondary" />
              </li>
            ))}
          </ul>
          <ActionForm action={addHolidayAction} submitLabel={t("holidays.add")} title={t("holidays.add")}>
            <div className="admin-grid">
              <Field name="day" label={t("fields.day")} type="date" />
              <Field name="nameFr" label={t("fields.nameFr")} lang="fr" />
              <Field name="nameAr" label={t("fields.nameAr")} lang="ar" />
              <Field name="nameEn" label={t("fields.nameEn")} lang="en" />
            </div>
          </ActionForm>
        </section>
        <section aria-labelledby="holidays-official-title">
          <h2 id="holidays-official-title">{t("holidays.official", { country: calendar.country })}</h2>
          <p className="hint">{t("holidays.officialIntro")}</p>
          {calendar.official.map((year) => (
            <div key={year.year} className="table-scroll" tabIndex={0}>
              <table className="desk-table">
                <caption className="holiday-year">{t("holidays.officialYear", { year: String(year.year) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("fields.day")}</th>
                    <th scope="col">{t("holidays.name")}</th>
                    <th scope="col" className="cell-nowrap">
                      {t("holidays.length")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {year.holidays.map((h) => (
                    <tr key={h.day}>
                      <td className="cell-nowrap">
                        <span className="holiday-label">{t("holidays.labelOfficial")}</span> {day(h.day)}
                      </td>
                      <td>
                        {h.name}
                        {h.alsoAdded ? <span className="hint"> ({t("holidays.alsoAdded")})</span> : null}
                      </td>
                      <td className="cell-nowrap">{t("holidays.days", { count: h.days })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      </div>
    </div>
  );
}
