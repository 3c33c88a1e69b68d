import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { listOutbox } from "@/lib/dal/mails";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";

export const metadata: Metadata = { robots: { index: false } };

/** The mails the platform sent, for developers and tests. Absent in production. */
export default async function OutboxPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  if (env().isProduction) notFound();
  const mails = await listOutbox({ limit: 50 });
  const t = await getTranslations({ locale, namespace: "outbox" });
  const delivery = await getTranslations({ locale, namespace: "delivery" });
  const format = await getFormatter();
  return (
    <div className="container">
      <h1>{t("title")}</h1>
      <p className="hint">{t("intro")}</p>
      {mails.length === 0 ? <p>{t("empty")}</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="card" style={{ marginBlockEnd: "1rem" }} aria-label={mail.subject}>
          <h2 style={{ marginBlockStart: 0 }}>{mail.subject}</h2>
          <dl className="facts">
            <dt>{t("to")}</dt>
            <dd>{mail.to}</dd>
            <dt>{t("sentAt")}</dt>
            <dd>{format.dateTime(mail.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</dd>
            <dt>{t("state")}</dt>
            <dd data-state={mail.state}>{delivery(`states.${mail.state}`)}</dd>
          </dl>
          <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }} dir="auto">
            {mail.text}
          </pre>
        </article>
      ))}
    </div>
  );
}
