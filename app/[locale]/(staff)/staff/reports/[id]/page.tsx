import type { Metadata } from "next";
import { Forbidden } from "@/components/staff/Forbidden";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ReportPanel } from "@/components/staff/ReportPanel";
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
  return (
    <div className="container">
      <h1 className="visually-hidden">{t("reportTitle")}</h1>
      <ReportPanel viewer={viewer} report={report} locale={locale} />
    </div>
  );
}
