/**
 * Mail bodies, in the citizen's language, from the same messages as the interface. Every value
 * that comes from a user or the database is escaped in the HTML version.
 */
import type { Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", ar: "ar-MA", en: "en-GB" };

/** Formatters and translators are costly to build (a few per mail, on the submission path): made once each. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatDate(date: Date, locale: Locale, timeZone: string, withTime: boolean): string {
  const key = `${locale}|${timeZone}|${withTime}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "full", ...(withTime ? { timeStyle: "short" } : {}), timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
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
  /** The request type's own paragraph (what happens next, what to bring…), already in the citizen's language or the city's. */
  typeParagraph?: string | null;
};

/** The acknowledgement of a new report: number, link, due dates, the type's own paragraph, and what silence will mean. */
export function renderAcknowledgement(facts: AcknowledgementFacts): Rendered {
  const { locale, timeZone } = facts;
  const t = translatorFor(locale);
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
    ...(facts.typeParagraph?.trim() ? [facts.typeParagraph.trim()] : []),
    `${t("tracking.silenceTitle")} — ${t(`tracking.silence.${facts.silenceRule}`)}`,
    t("mail.footer"),
  ];
  return render(locale, subject, paragraphs, { label: t("mail.acknowledgement.track"), url: facts.trackUrl });
}

export type CitizenUpdateKind = "routed" | "needs_info" | "answered" | "reopened" | "merged";

export type UpdateFacts = {
  locale: Locale;
  cityName: string;
  kind: CitizenUpdateKind;
  /** The citizen's own report number: the only one they ever see (a merged report's citizen follows the case with it). */
  trackingNumber: string;
  /** The news is about the case this citizen's report was merged into (another citizen's report, never named). */
  aboutMergedCase: boolean;
  trackUrl: string;
  serviceName: string;
  responseDueAt: Date;
  timeZone: string;
  question?: string | null;
  answer?: string | null;
  outcome?: "upheld" | "rejected" | "reoriented" | null;
  reorientedTo?: string | null;
  signature?: { firstName: string; lastName: string; title: string | null; service: string } | null;
  /** The answer's signed letter goes with the mail as a PDF. */
  letterAttached?: boolean;
};

/** News of a report for its citizen (and for the citizens of the reports merged into it). */
export function renderUpdate(facts: UpdateFacts): Rendered {
  const { locale } = facts;
  const t = translatorFor(locale);
  const number = facts.trackingNumber;
  const subject = t(`mail.update.${facts.kind}.subject`, { number: facts.trackingNumber });
  const paragraphs = [t("mail.greeting")];
  if (facts.aboutMergedCase && facts.kind !== "merged") paragraphs.push(t("mail.update.followingMaster", { number }));
  switch (facts.kind) {
    case "routed":
      paragraphs.push(
        t("mail.update.routed.body", { number, service: facts.serviceName, date: formatDate(facts.responseDueAt, locale, facts.timeZone, false) }),
      );
      break;
    case "needs_info":
      paragraphs.push(t("mail.update.needs_info.body", { number, service: facts.serviceName }), `« ${facts.question ?? ""} »`, t("mail.update.needs_info.how"));
      break;
    case "answered": {
      paragraphs.push(t("mail.update.answered.body", { number, outcome: t(`tracking.outcome.${facts.outcome ?? "upheld"}`) }));
      // No written answer: the deadline passed and the category's silence rule decided.
      paragraphs.push(facts.answer ?? t(`mail.update.silence.${facts.outcome === "upheld" ? "upheld" : "rejected"}`));
      if (facts.outcome === "reoriented" && facts.reorientedTo) paragraphs.push(t("mail.update.answered.reorientedTo", { administration: facts.reorientedTo }));
      if (facts.signature) {
        const s = facts.signature;
        paragraphs.push([`${s.firstName} ${s.lastName}`.trim(), s.title, s.service].filter(Boolean).join("\n"));
      }
      if (facts.letterAttached) paragraphs.push(t("mail.update.answered.letter"));
      break;
    }
    case "reopened":
      paragraphs.push(t("mail.update.reopened.body", { number, service: facts.serviceName }));
      break;
    case "merged":
      paragraphs.push(t("mail.update.merged.body", { number }));
      break;
  }
  paragraphs.push(t("mail.footer"));
  return render(locale, subject, paragraphs, { label: t("mail.acknowledgement.track"), url: facts.trackUrl });
}

export type DigestLine = { trackingNumber: string; url: string; service: string; dueAt: Date };

/** Staff digests (in the city's default language): reports nearing their deadline, or late. */
export function renderStaffDigest(options: { kind: "reminder" | "escalation"; lines: DigestLine[]; timeZone: string; locale?: Locale }): Rendered {
  const locale = options.locale ?? "fr";
  const t = translatorFor(locale);
  const subject = t(`mail.staff.${options.kind}.subject`, { count: options.lines.length });
  const list = options.lines
    .map((l) => t("mail.staff.line", { number: l.trackingNumber, service: l.service, date: formatDate(l.dueAt, locale, options.timeZone, true), url: l.url }))
    .join("\n");
  return render(locale, subject, [t(`mail.staff.${options.kind}.intro`, { count: options.lines.length }), list], {
    label: t("mail.staff.open"),
    url: options.lines[0]?.url.replace(/\/staff\/reports\/.*$/, options.kind === "escalation" ? "/staff/triage?late=1" : "/staff/desk") ?? "",
  });
}

/** To the mayor's office: an upheld complaint against a delegate is still not fixed, says the citizen. */
export function renderNotFixedAlert(options: { trackingNumber: string; url: string; locale?: Locale }): Rendered {
  const locale = options.locale ?? "fr";
  const t = translatorFor(locale);
  return render(
    locale,
    t("mail.staff.not_fixed.subject", { number: options.trackingNumber }),
    [t("mail.staff.not_fixed.body", { number: options.trackingNumber })],
    {
      label: t("mail.staff.open"),
      url: options.url,
    },
  );
}

/** To a member of staff who asked for a new password: the single-use link, valid one hour. */
export function renderPasswordReset(options: { cityName: string; url: string; locale?: Locale }): Rendered {
  const locale = options.locale ?? "fr";
  const t = translatorFor(locale);
  return render(
    locale,
    t("mail.passwordReset.subject"),
    [t("mail.greeting"), t("mail.passwordReset.intro", { city: options.cityName }), t("mail.passwordReset.expiry")],
    {
      label: t("mail.passwordReset.link"),
      url: options.url,
    },
  );
}

/** The invitation of a new member of staff: the link where they choose their password. */
export function renderInvitation(options: { cityName: string; url: string; firstName: string; role: string; days: number; locale?: Locale }): Rendered {
  const locale = options.locale ?? "fr";
  const t = translatorFor(locale);
  return render(
    locale,
    t("admin.invitationMail.subject", { city: options.cityName }),
    [
      t("admin.invitationMail.greeting", { name: options.firstName }),
      t("admin.invitationMail.intro", { city: options.cityName, role: t(`staff.roles.${options.role}`) }),
      t("admin.invitationMail.expiry", { days: options.days }),
    ],
    { label: t("admin.invitationMail.link"), url: options.url },
  );
}
