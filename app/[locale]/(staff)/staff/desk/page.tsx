import { reportReference } from "@/lib/domain/report-reference";
import type { Metadata } from "next";
import { Forbidden } from "@/components/staff/Forbidden";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { ReportFilters } from "@/components/staff/ReportFilters";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { getCity } from "@/lib/dal/reference";
import { getStaffReference, listReportsForStaff } from "@/lib/dal/staff-reports";
import type { Locale } from "@/lib/i18n/config";
import { Link, redirect } from "@/lib/i18n/navigation";
import { parseFilters } from "../filters";
import { DESK_STATUSES } from "@/lib/domain/workflow";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "staff" });
  return { title: t("desk.title"), robots: { index: false } };
}

/** A service's queue: its reports by response due date, late ones first. */
export default async function DeskPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (!viewer) return redirect({ href: "/login", locale });
  const t = await getTranslations({ locale, namespace: "staff" });
  const tAll = await getTranslations({ locale });
  const format = await getFormatter({ locale });
  if (!can(viewer, "desk") && !can(viewer, "stats")) {
    return <Forbidden />;
  }
  const city = await getCity();
  const { values, filters } = parseFilters(await searchParams, [...DESK_STATUSES], city.timeZone);
  const [rows, reference] = await Promise.all([
    listReportsForStaff(viewer, { ...filters, sort: "due", limit: 500 }, locale),
    getStaffReference(viewer, locale),
  ]);
  return (
    <div className="container container--wide">
      <h1>{t("desk.title")}</h1>
      <p>{t("desk.intro")}</p>
      <ReportFilters values={values} reference={reference} />
      <p role="status" className="hint">
        {t("desk.count", { count: rows.length })}
      </p>
      <div className="table-scroll" tabIndex={0}>
        <table className="desk-table">
          <caption className="visually-hidden">{t("desk.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.number")}</th>
              <th scope="col">{t("fields.categories")}</th>
              <th scope="col">{t("fields.status")}</th>
              <th scope="col">{t("fields.due")}</th>
              <th scope="col">{t("fields.service")}</th>
              <th scope="col">{t("fields.submitted")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.lateness === "late" ? "desk-row--late" : undefined}>
                <td>
                  <Link href={`/staff/reports/${r.id}`}>{reportReference(r)}</Link>
                </td>
                <td>{r.categories.join(" · ")}</td>
                <td>{t(`status.${r.status}`)}</td>
                <td>
                  {format.dateTime(r.dueAt, { dateStyle: "medium", timeZone: city.timeZone })}
                  {r.lateness ? <span className={`lateness lateness--${r.lateness}`}> {t(`lateness.${r.lateness}`)}</span> : null}
                </td>
                <td>{r.service}</td>
                <td>{format.dateTime(r.submittedAt, { dateStyle: "medium", timeZone: city.timeZone })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
