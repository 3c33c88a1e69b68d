import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview } from "@/lib/dal/admin";
import { localized, type Locale } from "@/lib/i18n/config";
import { saveServiceAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("services");

/** The city's services, each with its mail address and its delegate (if the service is delegated). */
export default async function AdminServicesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const data = await getAdminOverview(viewer);
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="services-title">
        <h1 id="services-title">{t("services.title")}</h1>
        {[...data.services, null].map((s) => (
          <details key={s?.id ?? "new"} className="admin-item">
            <summary>
              {s
                ? `${localized(s.name, locale)}${s.delegateId ? ` — ${data.delegates.find((d) => d.id === s.delegateId)?.name ?? ""}` : ""}`
                : t("services.new")}
            </summary>
            <ActionForm action={saveServiceAction} submitLabel={t("save")} hidden={s ? { id: String(s.id) } : {}}>
              <div className="admin-grid">
                <Field name="code" label={t("fields.code")} value={s?.code} />
                <Field name="nameFr" label={t("fields.nameFr")} value={s?.name.fr} lang="fr" />
                <Field name="nameAr" label={t("fields.nameAr")} value={s?.name.ar} lang="ar" />
                <Field name="nameEn" label={t("fields.nameEn")} value={s?.name.en} lang="en" />
                <Field name="email" label={t("fields.email")} value={s?.email} type="email" />
                <div className="field">
                  <label htmlFor={`del-${s?.id ?? "new"}`}>{t("fields.delegate")}</label>
                  <select id={`del-${s?.id ?? "new"}`} name="delegateId" defaultValue={s?.delegateId ?? ""}>
                    <option value="">{t("services.noDelegate")}</option>
                    {data.delegates.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            </ActionForm>
          </details>
        ))}
      </section>
    </div>
  );
}
