import { reportReference } from "@/lib/domain/report-reference";
import type { Metadata } from "next";
import { Forbidden } from "@/components/staff/Forbidden";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { contestPenaltyAction } from "@/app/[locale]/(staff)/staff/penalties/actions";
import { ContestForm } from "@/components/staff/ContestForm";
import { currentViewer } from "@/lib/auth/session";
import { listPenalties } from "@/lib/dal/penalties";
import { getCity } from "@/lib/dal/reference";
import { listReportsForStaff } from "@/lib/dal/staff-reports";
import { formatMinor } from "@/lib/domain/penalties";
import type { Locale } from "@/lib/i18n/config";
import { Link, redirect } from "@/lib/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "delegatePage" });
  return { title: t("title"), robots: { index: false } };
}

/** A delegate's own space: the reports about the services it runs (no citizen contact) and its penalties. */
export default async function DelegatePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (!viewer) return redirect({ href: "/login", locale });
  const t = await getTranslations({ locale, namespace: "delegatePage" });
  const tp = await getTranslations({ locale, namespace: "penalties" });
  const tAll = await getTranslations({ locale });
  if (viewer.role !== "delegate") {
    return <Forbidden />;
  }
  const city = await getCity();
  const format = await getFormatter({ locale });
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: city.timeZone });
  const now = new Date();
  const [reportsAbout, own] = await Promise.all([
    listReportsForStaff(viewer, { statuses: ["routed", "in_progress", "needs_info", "answered"], sort: "due", limit: 300 }, locale),
    listPenalties(viewer),
  ]);
  return (
    <div className="container container--wide">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <section aria-labelledby="delegate-penalties">
        <h2 id="delegate-penalties">{t("penaltiesTitle")}</h2>
        {own.length === 0 ? <p>{t("noPenalty")}</p> : null}
        <ul className="plain-list">
          {own.map((p) => (
            <li key={p.id} className="card penalty-card" aria-label={reportReference(p)}>
              <p>
                <Link href={`/staff/reports/${p.reportId}`}>{reportReference(p)}</Link> — {formatMinor(p.amountMinor)} {p.currency} —{" "}
                <span className={`penalty-state penalty-state--${p.state}`}>{tp(`states.${p.state}`)}</span> — {date(p.proposedAt)}
              </p>
              {p.contestText ? (
                <p className="internal-note">
                  {tp("contested")} {p.contestText}
                </p>
              ) : null}
              {p.evidence.length > 0 ? (
                <p className="hint">
                  {t("evidenceSent")}{" "}
                  {p.evidence.map((f) => (
                    <a key={f.id} href={`/api/staff/files/${f.id}`} className="inline-link">
                      {f.name}
                    </a>
                  ))}
                </p>
              ) : null}
              {p.state === "proposed" && now <= p.contestDeadline ? (
                <ContestForm penaltyId={p.id} title={t("contestTitle", { date: date(p.contestDeadline) })} action={contestPenaltyAction} />
              ) : null}
              {p.decisionReason ? <p className="hint">{p.decisionReason}</p> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="delegate-reports">
        <h2 id="delegate-reports">{t("reportsTitle")}</h2>
        <ul className="plain-list">
          {reportsAbout.map((r) => (
            <li key={r.id}>
              <Link href={`/staff/reports/${r.id}`}>{reportReference(r)}</Link> — {r.categories.join(" · ")} — {tAll(`staff.status.${r.status}`)} —{" "}
              {tAll("staff.dueOn", { date: date(r.dueAt) })}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
