import type { Metadata } from "next";
import { Forbidden } from "@/components/staff/Forbidden";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { ReportFilters } from "@/components/staff/ReportFilters";
import { ReportPanel } from "@/components/staff/ReportPanel";
import { TriageWorkspace } from "@/components/staff/TriageWorkspace";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { boundsOf, getCity } from "@/lib/dal/reference";
import { countReportsForStaff, getStaffReference, getStaffReport, listReportsForStaff } from "@/lib/dal/staff-reports";
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
  const format = await getFormatter({ locale });
  if (!can(viewer, "triage")) {
    return <Forbidden />;
  }
  const search = await searchParams;
  const city = await getCity();
  const { values, filters } = parseFilters(search, [...OPEN_STATUSES], city.timeZone);
  const [rows, total, reference] = await Promise.all([
    listReportsForStaff(viewer, { ...filters, sort: "triage", limit: 2000 }, locale),
    countReportsForStaff(viewer, filters),
    getStaffReference(viewer, locale),
  ]);
  const selected = typeof search.selected === "string" && /^[0-9a-f-]{36}$/.test(search.selected) ? search.selected : null;
  // Coordinators and admins read every report: the panel's report is loaded once, here.
  const selectedReport = selected ? await getStaffReport(viewer, selected, locale) : null;
  return (
    <div className="container container--wide">
      <h1>{t("triage.title")}</h1>
      <ReportFilters values={values} reference={reference} />
      <div className="triage-layout">
        <TriageWorkspace
          rows={rows.map((r) => ({
            ...r,
            dueAt: r.dueAt.toISOString(),
            dueLabel: format.dateTime(r.dueAt, { dateStyle: "medium", timeStyle: "short", timeZone: city.timeZone }),
            submittedAt: r.submittedAt.toISOString(),
          }))}
          services={reference.services}
          city={{ center: { lat: city.centerLat, lng: city.centerLng }, zoom: city.defaultZoom, bounds: boundsOf(city) }}
          tiles={{ url: env().tileUrl, attribution: env().tileAttribution }}
          selectedId={selected}
          loadedAt={new Date().toISOString()}
          total={total}
        />
        <aside className="triage-panel" aria-label={t("triage.panelLabel")} data-testid="triage-panel">
          {selected ? <ReportPanel viewer={viewer} report={selectedReport} locale={locale} /> : <p className="hint">{t("triage.noneSelected")}</p>}
        </aside>
      </div>
    </div>
  );
}
