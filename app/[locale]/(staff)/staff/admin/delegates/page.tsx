import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview } from "@/lib/dal/admin";
import type { Locale } from "@/lib/i18n/config";
import { saveDelegateAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("delegates");

/** The delegates (companies running a service under contract) and their penalty per upheld complaint. */
export default async function AdminDelegatesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const data = await getAdminOverview(viewer);
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="delegates-title">
        <h1 id="delegates-title">{t("delegates.title")}</h1>
        <p className="hint">{t("delegates.intro")}</p>
        {[...data.delegates, null].map((d) => (
          <details key={d?.id ?? "new"} className="admin-item">
            <summary>
              {d
                ? `${d.name} — ${t("delegates.summary", { amount: (d.penaltyAmountMinor / 100).toFixed(2), currency: d.penaltyCurrency })}`
                : t("delegates.new")}
            </summary>
            <ActionForm action={saveDelegateAction} submitLabel={t("save")} hidden={d ? { id: String(d.id) } : {}}>
              <div className="admin-grid">
                <Field name="code" label={t("fields.code")} value={d?.code} />
                <Field name="name" label={t("fields.delegateName")} value={d?.name} />
                <Field name="contractRef" label={t("fields.contractRef")} value={d?.contractRef} />
                <Field name="penaltyAmount" label={t("fields.penaltyAmount")} value={d ? (d.penaltyAmountMinor / 100).toFixed(2) : "500.00"} />
                <Field name="penaltyCurrency" label={t("fields.penaltyCurrency")} value={d?.penaltyCurrency ?? data.city.currency} />
                <Field name="contactEmail" label={t("fields.email")} value={d?.contactEmail} type="email" />
              </div>
            </ActionForm>
          </details>
        ))}
      </section>
    </div>
  );
}
