/**
 * Mail bodies, in the citizen's language, from the same messages as the interface. Every value
 * that comes from a user or the database is escaped in the HTML version.
 */
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { messages } from "@/lib/i18n/messages";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", ar: "ar-MA", en: "en-GB" };

function formatDate(date: Date, locale: Locale, timeZone: string, withTime: boolean): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: "full",
    ...(withTime ? { timeStyle: "short" } : {}),
    timeZone,
  }).format(date);
}

type Rendered = { subject: string; text: string; html: string };

/** Builds the text and HTML versions from paragraphs; the first link found becomes clickable. */
function render(locale: Locale, subject: string, paragraphs: string[], link: { label: string; url: string }): Rendered {
  const text = [...paragraphs, `${link.label} ${link.url}`].join("\n\n");
  const dir = locale === "ar" ? "rtl" : "ltr";
  const html = `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:system-ui,sans-serif;line-height:1.5">${paragraphs
    .map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`)
    .join("")}<p>${escapeHtml(link.label)} <a href="${escapeHtml(link.url)}">${escapeHtml(link.url)}</a></p></body></html>`;
  return { subject, text, html };
}

export type AcknowledgementFacts = {
  locale: Locale;
  cityName: string;
  trackingNumber: string;
  trackUrl: string;
  categoryNames: string[];
  serviceName: string;
  submittedAt: Date;
  routingDueAt: Date;
  responseDueAt: Date;
  timeZone: string;
  silenceRule: "none" | "rejection" | "acceptance";
};

/** The acknowledgement of a new report: number, link, due dates, and what silence will mean. */
export function renderAcknowledgement(facts: AcknowledgementFacts): Rendered {
  const { locale, timeZone } = facts;
  const translator = createTranslator({ locale, messages: messages[locale] });
  // The messages are JSON loaded at run time: keys are checked by the messages test, not by types.
  const t = translator as unknown as (key: string, values?: Record<string, string | number>) => string;
  const subject = t("mail.acknowledgement.subject", { number: facts.trackingNumber });
  const paragraphs = [
    t("mail.greeting"),
    t("mail.acknowledgement.intro", { city: facts.cityName }),
    [
      t("mail.acknowledgement.number", { number: facts.trackingNumber }),
      t("mail.acknowledgement.categories", { list: facts.categoryNames.join(", ") }),
      t("mail.acknowledgement.service", { service: facts.serviceName }),
      t("mail.acknowledgement.submitted", { date: formatDate(facts.submittedAt, locale, timeZone, true) }),
    ].join("\n"),
    t("mail.acknowledgement.routing", { date: formatDate(facts.routingDueAt, locale, timeZone, true) }),
    t("mail.acknowledgement.response", { date: formatDate(facts.responseDueAt, locale, timeZone, false) }),
    `${t("tracking.silenceTitle")} — ${t(`tracking.silence.${facts.silenceRule}`)}`,
    t("mail.footer"),
  ];
  return render(locale, subject, paragraphs, { label: t("mail.acknowledgement.track"), url: facts.trackUrl });
}
