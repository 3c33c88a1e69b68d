import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { CopyButton } from "@/components/ui/CopyButton";
import { currentViewer } from "@/lib/auth/session";
import { getCity } from "@/lib/dal/reference";
import { getReportByTrackingNumber } from "@/lib/dal/reports";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import type { Locale } from "@/lib/i18n/config";
import { Link, redirect } from "@/lib/i18n/navigation";

/** After an intake: the number shown big, to read out to the caller. */
export default async function IntakeDonePage({ params }: { params: Promise<{ locale: Locale; number: string }> }) {
  const { locale, number } = await params;
  setRequestLocale(locale);
  if (!(await currentViewer())) return redirect({ href: "/login", locale });
  const parsed = parseTrackingNumber(decodeURIComponent(number), (await getCity()).trackingPrefix);
  if (!parsed.ok) notFound();
  const report = await getReportByTrackingNumber(parsed.trackingNumber, locale);
  if (!report) notFound();
  const t = await getTranslations({ locale, namespace: "staff" });
  const tDone = await getTranslations({ locale, namespace: "done" });
  return (
    <div className="container">
      <div className="alert alert--success" role="status">
        <h1>{t("intake.doneTitle")}</h1>
        <p>{t("intake.readOut")}</p>
      </div>
      <p className="tracking-number" data-testid="tracking-number">
        {report.trackingNumber}
      </p>
      <p className="tracking-number tracking-number--spelled" aria-hidden="true">
        {[...report.trackingNumber.replaceAll("-", "")].join(" ")}
      </p>
      <div className="actions">
        <CopyButton text={report.trackingNumber} label={tDone("copy")} copiedLabel={tDone("copied")} />
        <Link className="button button--secondary" href="/staff/intake">
          {t("intake.another")}
        </Link>
      </div>
    </div>
  );
}
