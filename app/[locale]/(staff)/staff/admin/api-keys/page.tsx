import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { ApiKeyIssuer } from "@/components/staff/ApiKeyIssuer";
import { Forbidden } from "@/components/staff/Forbidden";
import { listApiKeys } from "@/lib/dal/open311";
import { getCity } from "@/lib/dal/reference";
import type { Locale } from "@/lib/i18n/config";
import { issueApiKeyAction, revokeApiKeyAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("apiKeys");

/** The Open311 API keys of third-party applications: issued (shown once), listed, revoked. */
export default async function AdminApiKeysPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const keys = await listApiKeys(viewer);
  const format = await getFormatter({ locale });
  const { timeZone } = await getCity();
  const day = (d: Date) => <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: "medium", timeZone })}</time>;
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="api-keys-title">
        <h1 id="api-keys-title">{t("apiKeys.title")}</h1>
        <p className="hint">{t("apiKeys.intro")}</p>
        <ul className="plain-list">
          {keys.map((k) => (
            <li key={k.id} className="admin-row">
              <span>
                {k.name} — {t("apiKeys.issuedOn")} {day(k.createdAt)}
                {k.revokedAt ? (
                  <>
                    {" — "}
                    {t("apiKeys.revokedOn")} {day(k.revokedAt)}
                  </>
                ) : null}
              </span>
              {k.revokedAt ? null : <ActionForm action={revokeApiKeyAction} submitLabel={t("apiKeys.revoke")} hidden={{ keyId: k.id }} variant="secondary" />}
            </li>
          ))}
        </ul>
        <ApiKeyIssuer action={issueApiKeyAction} />
      </section>
    </div>
  );
}
