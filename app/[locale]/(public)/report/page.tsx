import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ReportForm } from "@/components/report/ReportForm";
import { ClientMessages } from "@/components/ui/ClientMessages";
import { getReportFormReference } from "@/lib/dal/reference";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { CLIENT_MESSAGES } from "@/lib/i18n/messages";
import { submitReportAction } from "./actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "report" });
  return { title: t("title") };
}

export default async function ReportPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "report" });
  const reference = await getReportFormReference(locale);
  const { tileUrl, tileAttribution } = env();
  return (
    <div className="container">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ClientMessages sets={[CLIENT_MESSAGES.reportForm]}>
        <ReportForm
          data={{ ...reference, tiles: { url: tileUrl, attribution: tileAttribution } }}
          action={submitReportAction}
          offline
          // One key per form shown: a double click or a retry of the same form makes one report.
          idempotencyKey={randomUUID()}
        />
      </ClientMessages>
    </div>
  );
}
