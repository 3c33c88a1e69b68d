import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { DueDates } from "@/components/tracking/DueDates";
import { CopyButton } from "@/components/ui/CopyButton";
import { getCity } from "@/lib/dal/reference";
import { getReportByTrackingNumber } from "@/lib/dal/reports";
import { admitTrackingLookup } from "@/lib/dal/tracking-access";
import { clientAddress } from "@/lib/auth/address";
import { LookupRefused } from "@/components/tracking/LookupRefused";
import { headers } from "next/headers";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import type { Locale } from "@/lib/i18n/config";
import { Link } from "@/lib/i18n/navigation";
import { ForgetDraft } from "@/components/report/offline/ForgetDraft";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "done" });
  return { title: t("title"), robots: { index: false } };
}

export default async function ReportDonePage({ params }: { params: Promise<{ locale: Locale; number: string }> }) {
  const { locale, number } = await params;
  setRequestLocale(locale);
  const city = await getCity();
  const parsed = parseTrackingNumber(decodeURIComponent(number), city.trackingPrefix);
  if (!parsed.ok) notFound();
  // Each view is a guess of a number: counted per address, like the look-up form.
  if (!(await admitTrackingLookup(clientAddress(await headers()))).allowed) return <LookupRefused locale={locale} />;
  const report = await getReportByTrackingNumber(parsed.trackingNumber, locale);
  if (!report) notFound();
  const t = await getTranslations({ locale, namespace: "done" });
  return (
    <div className="container">
      <ForgetDraft />
      <div className="alert alert--success" role="status">
        <h1>{t("title")}</h1>
        <p>{t("thanks")}</p>
      </div>
      <section className="card" aria-labelledby="tracking-label">
        <h2 id="tracking-label">{t("numberLabel")}</h2>
        <p className="tracking-number" data-testid="tracking-number">
          {report.trackingNumber}
        </p>
        <p>{t("keepIt")}</p>
        <div className="actions">
          <CopyButton text={report.trackingNumber} label={t("copy")} copiedLabel={t("copied")} />
          <Link className="button" href={`/track/${report.trackingNumber}`}>
            {t("follow")}
          </Link>
        </div>
      </section>
      <section aria-labelledby="next-steps">
        <h2 id="next-steps">{t("nextSteps")}</h2>
        <p>{t("routedTo", { service: report.service })}</p>
        <DueDates report={report} />
        {report.isAnonymous ? <p className="alert alert--warning">{t("anonymous")}</p> : report.notifiedByMail ? <p>{t("mailSent")}</p> : null}
      </section>
    </div>
  );
}
