/**
 * Mails and where each stands (queued, sent with the provider's id, retrying with the reason, dead):
 * on a report's staff page, and in the administration's list of undelivered mails.
 */
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import type { MailDelivery } from "@/lib/dal/mails";
import type { Locale } from "@/lib/i18n/config";

export async function MailDeliveries({
  mails,
  locale,
  timeZone,
  action,
}: {
  mails: MailDelivery[];
  locale: Locale;
  timeZone: string;
  /** What a row offers (the administration's "send again"). */
  action?: (mail: MailDelivery) => ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: "delivery" });
  const format = await getFormatter({ locale });
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone }) : "—");
  const templateName = (code: string) => (t.has(`templates.${code}` as never) ? t(`templates.${code}` as never) : code);
  return (
    <ul className="plain-list mail-deliveries">
      {mails.map((m) => (
        <li key={m.id} className="admin-row" data-testid="mail-delivery" data-state={m.state}>
          <span>
            <strong>{templateName(m.template)}</strong> — {m.to} — {date(m.createdAt)}
            <br />
            <span className={`mail-state mail-state--${m.state}`}>{t(`states.${m.state}`)}</span>
            {m.attempts > 0 ? ` · ${t("attempts", { count: m.attempts })}` : null}
            {m.sentAt ? ` · ${date(m.sentAt)}` : null}
            {m.providerId ? <span className="hint"> · {t("provider", { id: m.providerId })}</span> : null}
            {m.state !== "sent" && m.error ? (
              <span className="hint" dir="auto">
                {" "}
                · {m.error}
              </span>
            ) : null}
          </span>
          {action ? action(m) : null}
        </li>
      ))}
    </ul>
  );
}
