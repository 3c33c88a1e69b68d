import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { Forbidden } from "@/components/staff/Forbidden";
import { MailDeliveries } from "@/components/staff/MailDeliveries";
import { checkDelivery } from "@/lib/dal/health";
import { listUndeliveredMails } from "@/lib/dal/mails";
import { getCity } from "@/lib/dal/reference";
import type { Locale } from "@/lib/i18n/config";
import { sendMailAgainAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("mails");

/** The mails that have not gone out: dead ones first, each with its reason and "send again"; the queue's backlog. */
export default async function AdminMailsPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const [{ mails, counts }, health, city] = await Promise.all([listUndeliveredMails(viewer), checkDelivery(), getCity()]);
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="mails-title">
        <h1 id="mails-title">{t("mails.title")}</h1>
        <p className="hint">{t("mails.intro")}</p>
        <p data-testid="mail-counts">
          {t("mails.counts", { queued: counts.queued ?? 0, retrying: counts.retrying ?? 0, dead: counts.dead ?? 0, sent: counts.sent ?? 0 })}
        </p>
        {health ? <p className="hint">{t("mails.backlog", { waiting: health.backlog, oldest: health.oldestSeconds ?? 0 })}</p> : null}
        {mails.length === 0 ? (
          <p>{t("mails.empty")}</p>
        ) : (
          <MailDeliveries
            mails={mails}
            locale={locale}
            timeZone={city.timeZone}
            action={(m) =>
              m.state === "dead" ? (
                <ActionForm action={sendMailAgainAction} submitLabel={t("mails.sendAgain")} hidden={{ mailId: m.id }} variant="secondary" />
              ) : null
            }
          />
        )}
      </section>
    </div>
  );
}
