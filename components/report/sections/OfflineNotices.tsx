"use client";

/** What the phone says about the network, the queue and the draft, above the public form. */
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export function OfflineNotices({
  offlineNow,
  waiting,
  sentEarlier,
  draftRestored,
  onDiscardDraft,
}: {
  offlineNow: boolean;
  /** How many reports wait in the queue. */
  waiting: number;
  sentEarlier: { trackingNumber: string }[];
  draftRestored: boolean;
  onDiscardDraft: () => void;
}) {
  const t = useTranslations("report.offline");
  return (
    <>
      {offlineNow ? (
        <p className="alert alert--warning" role="status">
          {t("offlineNow")}
        </p>
      ) : null}
      {waiting > 0 ? (
        <p className="alert alert--warning" role="status">
          {t("waiting", { count: waiting })}
        </p>
      ) : null}
      {sentEarlier.map((sent) => (
        <div key={sent.trackingNumber} className="alert alert--success" role="status">
          <p>{t("sentEarlier")}</p>
          <p>
            <Link href={`/track/${sent.trackingNumber}`} className="tracking-number">
              {sent.trackingNumber}
            </Link>
          </p>
        </div>
      ))}
      {draftRestored ? (
        <div className="alert alert--success" role="status">
          <p>{t("draftRestored")}</p>
          <button type="button" className="button button--secondary" onClick={onDiscardDraft}>
            {t("discardDraft")}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Shown instead of the form once the report waits on the phone for the network. */
export function QueuedNotice({ online }: { online: boolean }) {
  const t = useTranslations("report.offline");
  return (
    <div className="alert alert--warning" role="status" data-testid="report-queued">
      <h2>{t("queuedTitle")}</h2>
      <p>{t("queuedText")}</p>
      <p>{online ? t("sending") : t("noNetwork")}</p>
    </div>
  );
}
