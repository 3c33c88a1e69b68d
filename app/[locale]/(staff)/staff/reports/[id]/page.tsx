import type { Metadata } from "next";
import { Forbidden } from "@/components/staff/Forbidden";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ReportLocation } from "@/components/staff/ReportLocation";
import { ReportPanel } from "@/components/staff/ReportPanel";
import { hasPoint } from "@/lib/domain/geo";
import { boundsOf, getCity } from "@/lib/dal/reference";
import { reportReference } from "@/lib/domain/report-reference";
import { env } from "@/lib/env";
import { currentViewer } from "@/lib/auth/session";
import { getStaffReport } from "@/lib/dal/staff-reports";
import { isForbiddenError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "staff" });
  return { title: t("reportTitle"), robots: { index: false } };
}

export default async function StaffReportPage({ params }: { params: Promise<{ locale: Locale; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (!viewer) return redirect({ href: "/login", locale });
  const t = await getTranslations({ locale, namespace: "staff" });
  let report: Awaited<ReturnType<typeof getStaffReport>>;
  try {
    report = await getStaffReport(viewer, id, locale);
  } catch (error) {
    if (isForbiddenError(error)) return <Forbidden />;
    throw error;
  }
  if (!report) notFound();
  const city = await getCity();
  return (
    <div className="container">
      <h1 className="visually-hidden">{t("reportTitle")}</h1>
      {hasPoint(report) ? (
        <ReportLocation
          point={{ id: report.id, lat: report.lat, lng: report.lng, status: report.status, label: reportReference(report) }}
          bounds={boundsOf(city)}
          tiles={{ url: env().tileUrl, attribution: env().tileAttribution }}
          label={t("locationMap")}
        />
      ) : null}
      <ReportPanel viewer={viewer} report={report} locale={locale} />
    </div>
  );
}
