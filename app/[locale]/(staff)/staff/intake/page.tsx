import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { Forbidden } from "@/components/staff/Forbidden";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ReportForm } from "@/components/report/ReportForm";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { getReportFormReference } from "@/lib/dal/reference";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import { intakeReportAction } from "./actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "staff" });
  return { title: t("intake.title"), robots: { index: false } };
}

export default async function IntakePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (!viewer) return redirect({ href: "/login", locale });
  const t = await getTranslations({ locale, namespace: "staff" });
  if (!can(viewer, "intake")) {
    return <Forbidden />;
  }
  const reference = await getReportFormReference(locale);
  return (
    <div className="container">
      <h1>{t("intake.title")}</h1>
      <p>{t("intake.intro")}</p>
      <ReportForm
        data={{ ...reference, tiles: { url: env().tileUrl, attribution: env().tileAttribution } }}
        action={intakeReportAction}
        idempotencyKey={randomUUID()}
        channels={(["phone", "counter", "letter", "email"] as const).map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        submitLabel={t("intake.submit")}
      />
    </div>
  );
}
