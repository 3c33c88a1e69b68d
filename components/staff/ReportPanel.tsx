/**
 * One report as staff see it: facts, citizen's contact (when allowed), photos, the whole timeline
 * with internal notes, and the actions the viewer may take. Used by the report page and the
 * triage panel.
 */
import { reportReference } from "@/lib/domain/report-reference";
import { getFormatter, getTranslations } from "next-intl/server";
import {
  addNoteAction,
  askInformationAction,
  changeCategoriesAction,
  closeReportAction,
  declareInadmissibleAction,
  mergeReportAction,
  reopenReportAction,
  resumeReportAction,
  routeReportsAction,
  takeReportAction,
} from "@/app/[locale]/(staff)/staff/reports/actions";
import type { Viewer } from "@/lib/auth/permissions";
import type { Actor, StaffReportCommand } from "@/lib/domain/workflow";
import { getCity } from "@/lib/dal/reference";
import { getResponseTemplates, getStaffReference, suggestDuplicates, type StaffReportDetail } from "@/lib/dal/staff-reports";
import type { Locale } from "@/lib/i18n/config";
import { Link } from "@/lib/i18n/navigation";
import { ActionForm } from "./ActionForm";
import { AnswerForm } from "./AnswerForm";
import { answerReportAction, giveAccountAction } from "@/app/[locale]/(staff)/staff/reports/actions";
import { AccountForm } from "@/components/staff/AccountForm";
import { MailDeliveries } from "./MailDeliveries";
import { RequestAnswers } from "./RequestAnswers";
import { eventTextKind } from "@/lib/domain/timeline";

export async function ReportPanel({ viewer, report, locale }: { viewer: Viewer; report: StaffReportDetail | null; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "staff" });
  const tAll = await getTranslations({ locale });
  const format = await getFormatter({ locale });
  if (!report) return <p className="alert alert--error">{t("errors.report_unknown")}</p>;
  const can = (command: StaffReportCommand) => report.actions.includes(command);
  const { timeZone } = await getCity();
  const [reference, duplicates, templates] = await Promise.all([
    getStaffReference(viewer, locale),
    report.canTriage && can("merge") ? suggestDuplicates(viewer, report.id) : Promise.resolve([]),
    can("answer")
      ? getResponseTemplates(
          viewer,
          report.categories.map((c) => c.id),
          locale,
        )
      : Promise.resolve([]),
  ]);
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone }) : "—");
  const signature = [`${viewer.firstName ?? ""} ${viewer.lastName ?? ""}`.trim(), viewer.title].filter(Boolean).join(", ");

  return (
    <article className="report-panel" aria-labelledby={`report-${report.id}`}>
      <header className="report-panel__header">
        <h2 id={`report-${report.id}`} className="tracking-number tracking-number--small">
          {reportReference(report)}
        </h2>
        <span className={`status-badge status-badge--${report.status}`}>{t(`status.${report.status}`)}</span>
        {report.lateness ? <span className={`lateness lateness--${report.lateness}`}>{t(`lateness.${report.lateness}`)}</span> : null}
        <span className="hint">{t(`channel.${report.channel}`)}</span>
      </header>

      {report.status === "duplicate" && report.master ? (
        <p className="alert alert--success" role="status" data-testid="merged-into">
          {t.rich("mergedInto", {
            number: reportReference(report.master),
            link: (chunks) => <Link href={`/staff/reports/${report.master!.id}`}>{chunks}</Link>,
          })}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("fields.categories")}</dt>
        <dd>{report.categories.map((c) => c.name + (c.isPrivate ? ` (${t("private")})` : "")).join(" · ")}</dd>
        <dt>{t("fields.service")}</dt>
        <dd>{report.service}</dd>
        {report.district ? (
          <>
            <dt>{t("fields.district")}</dt>
            <dd>{report.district}</dd>
          </>
        ) : null}
        {report.address ? (
          <>
            <dt>{t("fields.address")}</dt>
            <dd>{report.address}</dd>
          </>
        ) : null}
        {report.lat !== null && report.lng !== null ? (
          <>
            <dt>{t("fields.coordinates")}</dt>
            <dd data-testid="coordinates">
              <span dir="ltr">
                {report.lat.toFixed(5)}, {report.lng.toFixed(5)}
              </span>{" "}
              <a
                href={`https://www.openstreetmap.org/?mlat=${report.lat}&mlon=${report.lng}#map=18/${report.lat}/${report.lng}`}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-link"
              >
                {t("openInMap")}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("fields.submitted")}</dt>
        <dd>{date(report.submittedAt)}</dd>
        <dt>{t("fields.routingDue")}</dt>
        <dd>{report.routedAt ? t("routedOn", { date: date(report.routedAt) }) : date(report.routingDueAt)}</dd>
        <dt>{t("fields.responseDue")}</dt>
        <dd>
          {date(report.responseDueAt)}
          {report.responseRule?.from ? (
            <span className="hint deadline-basis" data-testid="deadline-basis">
              {" "}
              (
              {t("deadlineBasis", {
                days: report.responseRule.days,
                unit: t(`dayUnit.${report.responseRule.dayCount}`),
                from: format.dateTime(report.responseRule.from, { dateStyle: "medium", timeZone }),
                paused: report.responseRule.pausedDays,
              })}
              )
            </span>
          ) : null}
        </dd>
        <dt>{t("fields.silence")}</dt>
        <dd>{t(`silence.${report.silenceRule}`)}</dd>
        <dt>{t("fields.supports")}</dt>
        <dd data-testid="supports">{report.supports}</dd>
        <dt>{t("fields.contact")}</dt>
        <dd data-testid="citizen-contact">
          {report.contact === null
            ? t("contactHidden")
            : report.contact.erasedAt
              ? t("contactErased", { date: date(report.contact.erasedAt) })
              : report.contact.anonymous
                ? t("anonymous")
                : [report.contact.name, report.contact.email, report.contact.phone].filter(Boolean).join(" · ")}
        </dd>
        {report.master ? (
          <>
            <dt>{t("fields.master")}</dt>
            <dd>
              <Link href={`/staff/reports/${report.master.id}`}>{reportReference(report.master)}</Link>
            </dd>
          </>
        ) : null}
        {report.merged.length > 0 ? (
          <>
            <dt>{t("fields.merged")}</dt>
            <dd>
              {report.merged.map((m) => (
                <Link key={m.id} href={`/staff/reports/${m.id}`} className="inline-link">
                  {reportReference(m)}
                </Link>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {report.answers.length > 0 ? <RequestAnswers answers={report.answers} attachments={report.attachments} version={report.formVersion} /> : null}
      {report.description ? (
        <>
          <h3>{t("fields.description")}</h3>
          <p className="report-panel__description" dir="auto">
            {report.description}
          </p>
        </>
      ) : null}
      {report.attachments.length > 0 ? (
        <ul className="attachments" aria-label={t("fields.attachments")}>
          {report.attachments.map((a, i) => (
            <li key={a.id}>
              <a href={`/api/staff/files/${a.id}`} target="_blank" rel="noopener">
                {a.kind === "image" ? (
                  <img
                    src={`/api/staff/files/${a.id}`}
                    alt={`${t("photo")} ${i + 1}${a.source === "delegate" ? ` — ${t("fromDelegate")}` : ""}`}
                    width={160}
                    height={120}
                    className="attachment-thumb"
                    loading="lazy"
                  />
                ) : (
                  `${t("document")} ${i + 1}${a.source === "delegate" ? ` — ${t("fromDelegate")}` : ""}`
                )}
              </a>
              {a.source === "delegate" && a.kind === "image" ? <span className="hint"> {t("fromDelegate")}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}

      {report.answer || report.outcome ? (
        <section className="card" aria-label={t("answerTitle")}>
          <h3>{t("answerTitle")}</h3>
          {report.outcome ? <p className="status-badge">{tAll(`tracking.outcome.${report.outcome}`)}</p> : null}
          {report.answer ? (
            <p dir="auto" className="report-panel__description">
              {report.answer}
            </p>
          ) : (
            <p>{t("answeredBySilence")}</p>
          )}
          {report.reorientedTo ? <p>{t("reorientedTo", { administration: report.reorientedTo })}</p> : null}
          {report.signature ? (
            <p className="hint">
              {[`${report.signature.firstName} ${report.signature.lastName}`.trim(), report.signature.title, report.signature.service]
                .filter(Boolean)
                .join(" — ")}
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-label={t("actionsTitle")} className="report-panel__actions">
        <h3>{t("actionsTitle")}</h3>
        {report.actions.length === 0 && !report.canNote && !report.canGiveAccount ? <p className="hint">{t("noAction")}</p> : null}
        {report.canGiveAccount ? <AccountForm reportId={report.id} action={giveAccountAction} /> : null}
        {can("take") ? <ActionForm action={takeReportAction} submitLabel={t("actions.start")} hidden={{ reportId: report.id }} /> : null}
        {report.canTriage && (can("route") || can("reroute")) ? (
          <ActionForm
            action={routeReportsAction}
            submitLabel={can("route") ? t("actions.route") : t("actions.reroute")}
            hidden={{ reportIds: report.id }}
            title={t("actions.routeTitle")}
          >
            <div className="field">
              <label htmlFor={`service-${report.id}`}>{t("fields.service")}</label>
              <select id={`service-${report.id}`} name="serviceId" defaultValue={String(report.serviceId)}>
                {reference.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`route-note-${report.id}`}>{t("fields.internalNote")}</label>
              <input id={`route-note-${report.id}`} name="note" />
            </div>
          </ActionForm>
        ) : null}
        {can("recategorize") ? (
          <ActionForm
            action={changeCategoriesAction}
            submitLabel={t("actions.recategorize")}
            hidden={{ reportId: report.id }}
            title={t("actions.recategorizeTitle")}
            variant="secondary"
          >
            <fieldset className="field category-picker">
              <legend>{t("fields.categories")}</legend>
              {reference.categories.map((c) => (
                <label key={c.id} className="inline-choice">
                  <input type="checkbox" name="categoryIds" value={c.id} defaultChecked={report.categories.some((rc) => rc.id === c.id)} />
                  {c.name}
                </label>
              ))}
            </fieldset>
          </ActionForm>
        ) : null}
        {can("ask_information") ? (
          <ActionForm
            action={askInformationAction}
            submitLabel={t("actions.askInfo")}
            hidden={{ reportId: report.id }}
            title={t("actions.askInfoTitle")}
            variant="secondary"
          >
            <div className="field">
              <label htmlFor={`question-${report.id}`}>{t("fields.question")}</label>
              <textarea id={`question-${report.id}`} name="question" rows={3} />
            </div>
          </ActionForm>
        ) : null}
        {can("resume") ? (
          <ActionForm
            action={resumeReportAction}
            submitLabel={t("actions.resume")}
            hidden={{ reportId: report.id }}
            title={t("actions.resumeTitle")}
            variant="secondary"
          >
            <div className="field">
              <label htmlFor={`resume-${report.id}`}>{t("fields.internalNote")}</label>
              <textarea id={`resume-${report.id}`} name="note" rows={2} />
            </div>
          </ActionForm>
        ) : null}
        {can("answer") ? (
          <AnswerForm action={answerReportAction} reportId={report.id} templates={templates} signature={`${signature} — ${report.service}`} />
        ) : null}
        {report.canTriage && can("merge") ? (
          <ActionForm
            action={mergeReportAction}
            submitLabel={t("actions.merge")}
            hidden={{ reportId: report.id }}
            title={t("actions.mergeTitle")}
            variant="secondary"
          >
            {duplicates.length === 0 ? <p className="hint">{t("noDuplicate")}</p> : null}
            <div className="field">
              <label htmlFor={`master-${report.id}`}>{t("fields.master")}</label>
              <select id={`master-${report.id}`} name="masterId" defaultValue="">
                <option value="">{t("chooseMaster")}</option>
                {duplicates.map((d) => (
                  <option key={d.id} value={d.id}>
                    {t("duplicateOption", { number: d.trackingNumber, distance: d.distance, excerpt: d.excerpt })}
                  </option>
                ))}
              </select>
            </div>
          </ActionForm>
        ) : null}
        {can("reopen") ? (
          <ActionForm
            action={reopenReportAction}
            submitLabel={t("actions.reopen")}
            hidden={{ reportId: report.id }}
            title={t("actions.reopenTitle")}
            variant="secondary"
          >
            <div className="field">
              <label htmlFor={`reopen-${report.id}`}>{t("fields.reason")}</label>
              <textarea id={`reopen-${report.id}`} name="reason" rows={2} />
            </div>
          </ActionForm>
        ) : null}
        {report.canTriage && can("close") ? (
          <ActionForm action={closeReportAction} submitLabel={t("actions.close")} hidden={{ reportId: report.id }} variant="secondary" />
        ) : null}
        {can("declare_inadmissible") ? (
          <ActionForm
            action={declareInadmissibleAction}
            submitLabel={t("actions.inadmissible")}
            hidden={{ reportId: report.id }}
            title={t("actions.inadmissibleTitle")}
            variant="secondary"
          >
            <div className="field">
              <label htmlFor={`inadmissible-${report.id}`}>{t("fields.reason")}</label>
              <textarea id={`inadmissible-${report.id}`} name="reason" rows={2} />
            </div>
          </ActionForm>
        ) : null}
        {report.canNote ? (
          <ActionForm
            action={addNoteAction}
            submitLabel={t("actions.note")}
            hidden={{ reportId: report.id }}
            title={t("actions.noteTitle")}
            variant="secondary"
          >
            <div className="field">
              <label htmlFor={`note-${report.id}`}>{t("fields.internalNote")}</label>
              <textarea id={`note-${report.id}`} name="note" rows={2} />
            </div>
          </ActionForm>
        ) : null}
      </section>

      <section aria-label={t("timelineTitle")}>
        <h3>{t("timelineTitle")}</h3>
        <ol className="timeline">
          {report.timeline.map((e) => (
            <li key={e.id}>
              <p>
                <strong>{t(`events.${e.type}`)}</strong> — {date(e.at)} — {e.actorName ?? t(`actors.${e.actorRole as Actor}`)}
              </p>
              {e.publicMessage ? (
                <p dir="auto">
                  <span className="hint">{t("publicMessage")} </span>
                  {e.publicMessage}
                </p>
              ) : null}
              {e.doneOn ? <p className="hint">{t("account.doneOnShown", { date: e.doneOn })}</p> : null}
              {e.feedback ? (
                <p data-testid="feedback-verdict">
                  {t(e.feedback.fixed ? "feedbackFixed" : "feedbackNotFixed")}
                  {e.feedback.rating ? ` — ${t("feedbackRating", { rating: e.feedback.rating })}` : null}
                </p>
              ) : null}
              {e.internalNote ? (
                <p dir="auto" className={eventTextKind(e.type) === "internalNote" ? "internal-note" : "event-text"}>
                  <span className="hint">{t(`eventText.${eventTextKind(e.type)}`)} </span>
                  {e.internalNote}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {report.letters.length > 0 ? (
        <section aria-labelledby={`letters-${report.id}`}>
          <h3 id={`letters-${report.id}`}>{tAll("staff.letters.title")}</h3>
          <ul className="letters" data-testid="staff-letters">
            {report.letters.map((letter) => {
              const item = tAll("staff.letters.item", {
                what: tAll(`letters.title.${letter.kind}`),
                date: format.dateTime(letter.issuedAt, { dateStyle: "medium", timeStyle: "short", timeZone }),
                code: letter.code,
              });
              return (
                <li key={letter.id}>
                  {letter.available ? (
                    <a href={`/api/staff/letters/${letter.id}`} download>
                      {item}
                    </a>
                  ) : (
                    `${item} — ${tAll("staff.letters.erased")}`
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {report.mails.length > 0 ? (
        <section aria-labelledby={`mails-${report.id}`}>
          <h3 id={`mails-${report.id}`}>{tAll("delivery.title")}</h3>
          <MailDeliveries mails={report.mails} locale={locale} timeZone={timeZone} />
        </section>
      ) : null}
    </article>
  );
}
