/**
 * Mails to citizens, queued in the outbox (lib/dal/mails) inside the transaction of the change that
 * causes them — by the system, never by a visitor with an id of their choosing: the address comes
 * from the report as filed or read here, never returned.
 */
import { and, asc, eq, or } from "drizzle-orm";
import type { Database } from "@/db";
import { reportEvents, reports, services, type City } from "@/db/schema";
import { env } from "@/lib/env";
import { isLocale, localized } from "@/lib/i18n/config";
import { renderAcknowledgement, renderUpdate, type CitizenUpdateKind } from "@/lib/mail/templates";
import { queueMail } from "./mails";
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
  const [report] = await db
    .select({
      id: reports.id,
      trackingNumber: reports.trackingNumber,
      duplicateOfId: reports.duplicateOfId,
      responseDueAt: reports.responseDueAt,
      answer: reports.answer,
      outcome: reports.outcome,
      reorientedTo: reports.reorientedTo,
      signature: reports.answerSignature,
      serviceName: services.name,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(eq(reports.id, reportId))
    .limit(1);
  if (!report) return;
  const [question] =
    kind === "needs_info"
      ? await db
          .select({ text: reportEvents.publicMessage })
          .from(reportEvents)
          .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.type, "ask_information")))
          .orderBy(asc(reportEvents.at))
          .then((rows) => rows.slice(-1))
      : [];
  // The report itself, and (except for a merge) the reports merged into it.
  const recipients = await db
    .select({ id: reports.id, trackingNumber: reports.trackingNumber, email: reports.citizenEmail, isAnonymous: reports.isAnonymous, locale: reports.locale })
    .from(reports)
    .where(kind === "merged" ? eq(reports.id, reportId) : or(eq(reports.id, reportId), eq(reports.duplicateOfId, reportId)));
  for (const r of recipients) {
    if (r.isAnonymous || !r.email) continue;
    const locale = isLocale(r.locale) ? r.locale : cityLocale(city);
    const isSelf = r.id === reportId;
    const mail = renderUpdate({
      locale,
      kind,
      cityName: localized(city.name, locale),
      trackingNumber: r.trackingNumber,
      // Each citizen reads their own number and link: another citizen's number is their secret.
      aboutMergedCase: !isSelf,
      trackUrl: trackUrlOf(locale, r.trackingNumber),
      serviceName: localized(report.serviceName, locale),
      responseDueAt: report.responseDueAt,
      timeZone: city.timeZone,
      question: question?.text ?? null,
      answer: report.answer,
      outcome: report.outcome,
      reorientedTo: report.reorientedTo,
      signature: report.signature ? { ...report.signature, service: localized(report.signature.service, locale) } : null,
    });
    await queueMail(db, { to: r.email, template: `update.${kind}`, locale, reportId: r.id, ...mail });
  }
}
