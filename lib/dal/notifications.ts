/**
 * Mails to citizens. Called by the system after a change is committed (never by a visitor with an
 * id of their choosing): it reads the citizen's address itself and never returns it.
 */
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { categories, reportCategories, reports, services } from "@/db/schema";
import { env } from "@/lib/env";
import { isLocale, localized } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail";
import { renderAcknowledgement } from "@/lib/mail/templates";
import { getCity } from "./reference";

/**
 * Sends the acknowledgement of a new report to its citizen, in the language they used: tracking
 * number, link, due dates and what silence at the due date will mean. Anonymous reports get none.
 * A mail failure is logged, never thrown: the report is filed either way.
 */
export async function acknowledgeReport(trackingNumber: string): Promise<void> {
  try {
    const db = await getDb();
    const [row] = await db
      .select({
        id: reports.id,
        email: reports.citizenEmail,
        isAnonymous: reports.isAnonymous,
        locale: reports.locale,
        submittedAt: reports.submittedAt,
        routingDueAt: reports.routingDueAt,
        responseDueAt: reports.responseDueAt,
        serviceName: services.name,
      })
      .from(reports)
      .innerJoin(services, eq(services.id, reports.serviceId))
      .where(eq(reports.trackingNumber, trackingNumber))
      .limit(1);
    if (!row || row.isAnonymous || !row.email) return;
    const locale = isLocale(row.locale) ? row.locale : "fr";
    const cats = await db
      .select({ name: categories.name, silenceRule: categories.silenceRule })
      .from(reportCategories)
      .innerJoin(categories, eq(categories.id, reportCategories.categoryId))
      .where(eq(reportCategories.reportId, row.id))
      .orderBy(asc(reportCategories.position));
    const city = await getCity();
    const prefix = locale === "fr" ? "" : `/${locale}`;
    const mail = renderAcknowledgement({
      locale,
      trackingNumber,
      trackUrl: `${env().appUrl}${prefix}/track/${trackingNumber}`,
      categoryNames: cats.map((c) => localized(c.name, locale)),
      serviceName: localized(row.serviceName, locale),
      submittedAt: row.submittedAt,
      routingDueAt: row.routingDueAt,
      responseDueAt: row.responseDueAt,
      timeZone: city.timeZone,
      silenceRule: cats[0]?.silenceRule ?? "none",
      cityName: localized(city.name, locale),
    });
    await sendMail({ to: row.email, template: "acknowledgement", locale, reportId: row.id, ...mail });
  } catch (error) {
    console.error(`[mail] acknowledgement of ${trackingNumber} failed`, error);
  }
}
