import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { DueDates } from "@/components/tracking/DueDates";
import { ClientMessages } from "@/components/ui/ClientMessages";
import { InfoReplyForm } from "@/components/tracking/InfoReplyForm";
import { getCity } from "@/lib/dal/reference";
import { getReportByTrackingNumber } from "@/lib/dal/reports";
import { admitTrackingLookup } from "@/lib/dal/tracking-access";
import { clientAddress } from "@/lib/auth/address";
import { LookupRefused } from "@/components/tracking/LookupRefused";
import { headers } from "next/headers";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import type { Locale } from "@/lib/i18n/config";
import { CLIENT_MESSAGES } from "@/lib/i18n/messages";
import { Link, redirect } from "@/lib/i18n/navigation";
import { acknowledgementLetterAction, provideInformationAction, submitFeedbackAction } from "./actions";
import { AcknowledgementLetterForm } from "@/components/tracking/AcknowledgementLetterForm";
import { lettersForTracking } from "@/lib/dal/letters";
import { FeedbackForm } from "@/components/tracking/FeedbackForm";
import { AnswerList } from "@/components/report/AnswerList";
import { feedbackOpen } from "@/lib/dal/feedback";
import type { ReportStatusName } from "@/lib/domain/types";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale; number: string }> }): Promise<Metadata> {
  const { locale, number } = await params;
  const t = await getTranslations({ locale, namespace: "tracking" });
  return { title: t("pageTitle", { number: decodeURIComponent(number).toUpperCase() }), robots: { index: false } };
}

export default async function TrackReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale; number: string }>;
  searchParams: Promise<{ replied?: string; feedback?: string; letter?: string }>;
}) {
  const { locale, number } = await params;
  const search = await searchParams;
  const replied = search.replied === "1";
  const thanked = search.feedback === "1";
  const letterReady = search.letter === "1";
  setRequestLocale(locale);
  const city = await getCity();
  const raw = decodeURIComponent(number);
  const parsed = parseTrackingNumber(raw, city.trackingPrefix);
  if (!parsed.ok) notFound();
  if (parsed.trackingNumber !== raw) redirect({ href: `/track/${parsed.trackingNumber}`, locale });
  // Each view is a guess of a number: counted per address, like the look-up form.
  if (!(await admitTrackingLookup(clientAddress(await headers()))).allowed) return <LookupRefused locale={locale} />;
  const report = await getReportByTrackingNumber(parsed.trackingNumber, locale);
  if (!report) notFound();
  const t = await getTranslations({ locale, namespace: "tracking" });
  const letters = await lettersForTracking(report.trackingNumber);
  const tStatus = await getTranslations({ locale, namespace: "status" });
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: report.timeZone });
  return (
    <div className="container">
      <h1>
        {t("reportTitle")} <span className="tracking-number">{report.trackingNumber}</span>
      </h1>
      <p>
        {t("statusLabel")} <span className="status-badge">{tStatus(report.status as ReportStatusName)}</span>
      </p>
      {report.mergedInto ? (
        <p className="alert alert--warning" role="note" data-testid="merged-notice">
          {t.rich("mergedInto", {
            reference: `#${report.mergedInto.publicNumber}`,
            link: (chunks) => <Link href={mapLinkOf(report.mergedInto!)}>{chunks}</Link>,
          })}
        </p>
      ) : null}
      {thanked ? (
        <p className="alert alert--success" role="status">
          {t("feedback.thanks")}
        </p>
      ) : null}
      {replied && !report.paused ? (
        <p className="alert alert--success" role="status">
          {t("reply.sent")}
        </p>
      ) : null}
      {report.paused && !report.merged ? (
        <section className="card" aria-labelledby="reply-title">
          <p className="alert alert--warning">{t("needsInfo")}</p>
          {report.question ? (
            <blockquote className="question" dir="auto">
              {report.question}
            </blockquote>
          ) : null}
          <h2 id="reply-title">{t("reply.title")}</h2>
          <ClientMessages sets={[CLIENT_MESSAGES.trackingForms]}>
            <InfoReplyForm trackingNumber={report.trackingNumber} action={provideInformationAction} />
          </ClientMessages>
        </section>
      ) : null}
      {report.outcome && (report.status === "answered" || report.status === "closed") ? (
        <section className="card" aria-labelledby="answer-title">
          <h2 id="answer-title">{t("answerTitle")}</h2>
          <p>
            <strong>{t(`outcome.${report.outcome}`)}</strong>
            {report.answeredAt ? ` — ${when(report.answeredAt)}` : null}
          </p>
          <p style={{ whiteSpace: "pre-wrap" }} dir="auto">
            {report.answer ?? t(`silenceApplied.${report.outcome === "upheld" ? "upheld" : "rejected"}`)}
          </p>
          {report.reorientedTo ? <p>{t("reorientedTo", { administration: report.reorientedTo })}</p> : null}
          {report.signature ? (
            <p className="signature">
              {report.signature.name}
              {report.signature.title ? `, ${report.signature.title}` : ""} — {report.signature.service}
            </p>
          ) : null}
          {(await feedbackOpen(report.trackingNumber)) ? (
            <section aria-labelledby="feedback-title" className="feedback">
              <h3 id="feedback-title">{t("feedback.title")}</h3>
              <ClientMessages sets={[CLIENT_MESSAGES.trackingForms]}>
                <FeedbackForm trackingNumber={report.trackingNumber} action={submitFeedbackAction} />
              </ClientMessages>
            </section>
          ) : null}
        </section>
      ) : null}
      <section className="card" aria-labelledby="letters-title">
        <h2 id="letters-title">{t("letters.title")}</h2>
        <p className="hint">{t("letters.intro")}</p>
        {letterReady ? (
          <p className="alert alert--success" role="status">
            {t("letters.ready")}
          </p>
        ) : null}
        {letters.length > 0 ? (
          <ul className="letters" data-testid="letters">
            {letters.map((letter) => {
              const what = t(`letters.${letter.kind}`, { date: format.dateTime(letter.issuedAt, { dateStyle: "long", timeZone: report.timeZone }) });
              return (
                <li key={letter.id}>
                  {letter.available ? (
                    <a href={`/api/letters/${letter.id}?n=${encodeURIComponent(report.trackingNumber)}`} download>
                      {what}
                    </a>
                  ) : (
                    t("letters.erased", { what })
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
        {letters.some((letter) => letter.kind === "acknowledgement") ? null : (
          <ClientMessages sets={[CLIENT_MESSAGES.trackingForms]}>
            <AcknowledgementLetterForm trackingNumber={report.trackingNumber} action={acknowledgementLetterAction} />
          </ClientMessages>
        )}
      </section>
      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("detailsTitle")}</h2>
        <dl className="facts">
          <dt>{t("categories")}</dt>
          <dd>{report.categories.map((c) => c.name).join(" · ")}</dd>
          <dt>{t("service")}</dt>
          <dd>{report.service}</dd>
          {report.district ? (
            <>
              <dt>{t("district")}</dt>
              <dd>{report.district}</dd>
            </>
          ) : null}
          {report.address ? (
            <>
              <dt>{t("address")}</dt>
              <dd>{report.address}</dd>
            </>
          ) : null}
          <dt>{t("description")}</dt>
          <dd style={{ whiteSpace: "pre-wrap" }} dir="auto">
            {report.description}
          </dd>
          {report.attachments.length > 0 ? (
            <>
              <dt>{t("attachments")}</dt>
              <dd>
                <ul className="attachments">
                  {report.attachments.map((a, index) => {
                    // Files are served only to whoever names their report's tracking number.
                    const href = `/files/${a.id}?n=${encodeURIComponent(report.trackingNumber)}`;
                    const label = `${a.kind === "image" ? t("photo") : t("document")} ${index + 1}`;
                    return (
                      <li key={a.id}>
                        <a href={href}>
                          {a.kind === "image" ? <img src={href} alt={label} width={160} height={120} loading="lazy" className="attachment-thumb" /> : label}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      {report.answers.length > 0 ? (
        <section aria-labelledby="answers-title" data-testid="tracked-answers">
          <h2 id="answers-title">{t("answers.title")}</h2>
          <AnswerList
            answers={report.answers}
            yes={t("answers.yes")}
            no={t("answers.no")}
            // The files are served, like the report's, only to whoever names its tracking number.
            file={(id, index) => <a href={`/files/${id}?n=${encodeURIComponent(report.trackingNumber)}`}>{`${t("document")} ${index + 1}`}</a>}
          />
        </section>
      ) : null}
      {report.merged ? null : (
        // A merged report's deadlines are the case's, which its service answers: not this citizen's to count.
        <section aria-labelledby="dates-title">
          <h2 id="dates-title">{t("datesTitle")}</h2>
          <DueDates report={report} />
        </section>
      )}
      {report.feedbackGiven.length > 0 ? (
        <section aria-labelledby="given-title" className="card">
          <h2 id="given-title">{t("feedbackGiven.title")}</h2>
          <ul className="plain-list">
            {report.feedbackGiven.map((f) => (
              <li key={f.at.toISOString()}>
                <time dateTime={f.at.toISOString()}>{when(f.at)}</time> — {t(f.fixed ? "feedbackGiven.fixed" : "feedbackGiven.notFixed")} —{" "}
                {t("feedbackGiven.rating", { rating: f.rating })}
                {f.comment ? (
                  <p className="own-words" dir="auto">
                    {f.comment}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("timelineTitle")}</h2>
        <ol className="timeline">
          {report.timeline.map((event, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is append-only and rendered once per request
            <li key={index}>
              <time dateTime={event.at.toISOString()}>{when(event.at)}</time>
              <div>
                <strong>{t(`events.${event.type}`)}</strong>
                {event.toStatus ? ` — ${tStatus(event.toStatus as ReportStatusName)}` : null}
              </div>
              {event.message ? <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>{event.message}</p> : null}
              {event.ownWords ? (
                <p className="own-words" dir="auto">
                  <span className="hint">{t("yourReply")} </span>
                  {event.ownWords}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <p>
        <Link href="/track">{t("another")}</Link>
      </p>
    </div>
  );
}

/** The public map around a place (a request without one: the whole map). */
function mapLinkOf(point: { lat: number | null; lng: number | null }): string {
  return point.lat !== null && point.lng !== null ? `/map?lat=${point.lat.toFixed(5)}&lng=${point.lng.toFixed(5)}` : "/map";
}
