/**
 * Mails to citizens, queued in the outbox (lib/dal/mails) inside the transaction of the change that
 * causes them — by the system, never by a visitor with an id of their choosing: the address comes
 * from the report as filed or read here, never returned.
 */
import { and, desc, eq, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { reportEvents, reports, services, type City } from "@/db/schema";
import { env } from "@/lib/env";
import { isLocale, localized, localizedWithLang } from "@/lib/i18n/config";
import { renderAcknowledgement, renderUpdate, type CitizenUpdateKind } from "@/lib/mail/templates";
import type { OutgoingMail } from "@/lib/mail/types";
import { answerLettersOf } from "./letters";
import { queueMail, queueMails } from "./mails";
import { cityLocale, type ReferenceData } from "./reference";
import type { FiledReport } from "./reports";

const trackUrlOf = (locale: string, trackingNumber: string) => `${env().appUrl}${locale === "fr" ? "" : `/${locale}`}/track/${trackingNumber}`;

/**
 * Queues the acknowledgement of a new report to its citizen, in the language they used: tracking
 * number, link, due dates and what silence at the due date will mean. Anonymous reports get none.
 * It is made from what filing decided (nothing to read back), in the filing's transaction.
 */
export async function queueAcknowledgement(tx: Database, reference: ReferenceData, report: FiledReport): Promise<void> {
  const to = report.email;
  if (!to) return;
  const { city, categories: known, serviceNames } = reference;
  const locale = report.locale;
  const cats = report.categoryIds.map((id) => known.get(id)).filter((c) => c !== undefined);
  const mail = renderAcknowledgement({
    locale,
    trackingNumber: report.trackingNumber,
    trackUrl: trackUrlOf(locale, report.trackingNumber),
    categoryNames: cats.map((c) => localized(c.name, locale)),
    serviceName: localized(serviceNames.get(report.serviceId) ?? { fr: "" }, locale),
    submittedAt: report.submittedAt,
    routingDueAt: report.routingDueAt,
    responseDueAt: report.responseDueAt,
    timeZone: city.timeZone,
    silenceRule: cats[0]?.silenceRule ?? "none",
    // The request type's own paragraph (its first category's), in the citizen's language, else the city's.
    typeParagraph: localizedWithLang(cats[0]?.acknowledgement, locale, cityLocale(city))?.text ?? null,
    cityName: localized(city.name, locale),
  });
  await queueMail(tx, { to, template: "acknowledgement", locale, reportId: report.id, ...mail });
}

export type CitizenUpdate = CitizenUpdateKind;

/**
 * Tells a report's citizen — and the citizens of the reports merged into it — what changed:
 * routed (naming the service), details needed (the question), answered (the full signed answer),
 * reopened, or merged into another report. Anonymous reports get nothing. Read and queued in the
 * change's transaction `tx` (it sees the change; `city` was read before the transaction began).
 */
export async function queueCitizenNotice(db: Database, city: City, reportId: string, kind: CitizenUpdate): Promise<void> {
  await queueCitizenNotices(db, city, [{ reportId, notice: kind }]);
}

/** Notices read and queued per statement: a tick that answers thousands of reports by silence reads them in a few round trips. */
const NOTICE_BATCH = 1000;

/**
 * `queueCitizenNotice` for many reports at once, in a few statements whatever their number (ids as
 * one array parameter; the mails written together, lib/dal/mails queueMails).
 */
export async function queueCitizenNotices(db: Database, city: City, notices: readonly { reportId: string; notice: CitizenUpdate }[]): Promise<void> {
  for (let start = 0; start < notices.length; start += NOTICE_BATCH) {
    const chunk = notices.slice(start, start + NOTICE_BATCH);
    const ids = `{${[...new Set(chunk.map((n) => n.reportId))].join(",")}}`;
    const asked = `{${[...new Set(chunk.filter((n) => n.notice === "needs_info").map((n) => n.reportId))].join(",")}}`;
    const about = await db
      .select({
        id: reports.id,
        responseDueAt: reports.responseDueAt,
        answer: reports.answer,
        outcome: reports.outcome,
        reorientedTo: reports.reorientedTo,
        signature: reports.answerSignature,
        serviceName: services.name,
      })
      .from(reports)
      .innerJoin(services, eq(services.id, reports.serviceId))
      .where(sql`${reports.id} = any(${ids}::uuid[])`);
    const questions =
      asked === "{}"
        ? []
        : await db
            .selectDistinctOn([reportEvents.reportId], { reportId: reportEvents.reportId, text: reportEvents.publicMessage })
            .from(reportEvents)
            .where(and(sql`${reportEvents.reportId} = any(${asked}::uuid[])`, eq(reportEvents.type, "ask_information")))
            .orderBy(reportEvents.reportId, desc(reportEvents.at), desc(reportEvents.id));
    // The reports themselves, and the reports merged into them (reports_duplicate_of_idx).
    const recipients = await db
      .select({
        id: reports.id,
        duplicateOfId: reports.duplicateOfId,
        trackingNumber: reports.trackingNumber,
        email: reports.citizenEmail,
        isAnonymous: reports.isAnonymous,
        locale: reports.locale,
      })
      .from(reports)
      .where(or(sql`${reports.id} = any(${ids}::uuid[])`, sql`${reports.duplicateOfId} = any(${ids}::uuid[])`));
    // An answer's letter goes with the answer mail to the report's own citizen (it names them).
    const answered = chunk.filter((n) => n.notice === "answered").map((n) => n.reportId);
    const letterOf = await answerLettersOf(db, answered);
    const byId = new Map(about.map((r) => [r.id, r]));
    const questionOf = new Map(questions.map((q) => [q.reportId, q.text]));
    const mails: OutgoingMail[] = [];
    for (const { reportId, notice: kind } of chunk) {
      const report = byId.get(reportId);
      if (!report) continue;
      for (const r of recipients) {
        const isSelf = r.id === reportId;
        if (!isSelf && (kind === "merged" || r.duplicateOfId !== reportId)) continue;
        if (r.isAnonymous || !r.email) continue;
        const locale = isLocale(r.locale) ? r.locale : cityLocale(city);
        const letterId = isSelf && kind === "answered" ? (letterOf.get(reportId) ?? null) : null;
        const mail = renderUpdate({
          locale,
          letterAttached: letterId !== null,
          kind,
          cityName: localized(city.name, locale),
          trackingNumber: r.trackingNumber,
          // Each citizen reads their own number and link: another citizen's number is their secret.
          aboutMergedCase: !isSelf,
          trackUrl: trackUrlOf(locale, r.trackingNumber),
          serviceName: localized(report.serviceName, locale),
          responseDueAt: report.responseDueAt,
          timeZone: city.timeZone,
          question: questionOf.get(reportId) ?? null,
          answer: report.answer,
          outcome: report.outcome,
          reorientedTo: report.reorientedTo,
          signature: report.signature ? { ...report.signature, service: localized(report.signature.service, locale) } : null,
        });
        mails.push({ to: r.email, template: `update.${kind}`, locale, reportId: r.id, letterId, ...mail });
      }
    }
    await queueMails(db, mails);
  }
}
