import type { Metadata } from "next";
import { Forbidden } from "@/components/staff/Forbidden";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ReportFilters } from "@/components/staff/ReportFilters";
import { ReportPanel } from "@/components/staff/ReportPanel";
import { TriageWorkspace } from "@/components/staff/TriageWorkspace";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { boundsOf, getCity } from "@/lib/dal/reference";
import { getStaffReference, getStaffReport, listReportsForStaff } from "@/lib/dal/staff-reports";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import { parseFilters } from "../filters";
import { OPEN_STATUSES } from "@/lib/domain/workflow";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "staff" });
  return { title: t("triage.title"), robots: { index: false } };
}

/** The coordinators' triage: every report on a map with a list that follows it, and a report panel. */
export default async function TriagePage({
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
  if (!can(viewer, "triage")) {
    return <Forbidden />;
  }
  const search = await searchParams;
  const city = await getCity();
  const { values, filters } = parseFilters(search, [...OPEN_STATUSES], city.timeZone);
  const [rows, reference] = await Promise.all([listReportsForStaff(viewer, { ...filters, limit: 2000 }, locale), getStaffReference(viewer, locale)]);
  const selected = typeof search.selected === "string" && /^[0-9a-f-]{36}$/.test(search.selected) ? search.selected : null;
  // Coordinators and admins read every report: the panel's report is loaded once, here.
  const selectedReport = selected ? await getStaffReport(viewer, selected, locale) : null;
  return (
    <div className="container container--wide">
      <h1>{t("triage.title")}</h1>
      <ReportFilters values={values} reference={reference} />
      <div className={selected ? "triage-layout triage-layout--with-panel" : "triage-layout"}>
        <TriageWorkspace
          rows={rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), submittedAt: r.submittedAt.toISOString() }))}
          services={reference.services}
          city={{ center: { lat: city.centerLat, lng: city.centerLng }, zoom: city.defaultZoom, bounds: boundsOf(city) }}
          tiles={{ url: env().tileUrl, attribution: env().tileAttribution }}
          selectedId={selected}
          timeZone={city.timeZone}
        />
        {selected ? (
          <aside className="triage-panel" aria-label={t("triage.panelLabel")}>
            <ReportPanel viewer={viewer} report={selectedReport} locale={locale} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}
