import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview } from "@/lib/dal/admin";
import { localized, type Locale } from "@/lib/i18n/config";
import { deleteTemplateAction, saveTemplateAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("templates");

/** Answer templates, per category and decision, that agents start their answers from. */
export default async function AdminTemplatesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const tOutcome = await getTranslations({ locale, namespace: "tracking.outcome" });
  const data = await getAdminOverview(viewer);
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="templates-title">
        <h1 id="templates-title">{t("templates.title")}</h1>
        {data.categories.map((cat) => {
          const own = data.templates.filter((tpl) => tpl.categoryId === cat.id);
          return (
            <details key={cat.id} className="admin-item">
              <summary>
                {localized(cat.name, locale)} ({own.length})
              </summary>
              <ul className="plain-list">
                {own.map((tpl) => (
                  <li key={tpl.id} className="admin-row">
                    <span>
                      <strong>{tOutcome(tpl.outcome)}</strong> — {tpl.title}
                    </span>
                    <ActionForm action={deleteTemplateAction} submitLabel={t("remove")} hidden={{ templateId: String(tpl.id) }} variant="secondary" />
                  </li>
                ))}
              </ul>
              <ActionForm action={saveTemplateAction} submitLabel={t("templates.add")} hidden={{ categoryId: String(cat.id) }}>
                <div className="field">
                  <label htmlFor={`tpl-outcome-${cat.id}`}>{t("fields.outcome")}</label>
                  <select id={`tpl-outcome-${cat.id}`} name="outcome" defaultValue="upheld">
                    {(["upheld", "rejected", "reoriented"] as const).map((o) => (
                      <option key={o} value={o}>
                        {tOutcome(o)}
                      </option>
                    ))}
                  </select>
                </div>
                <Field name="title" label={t("fields.templateTitle")} id={`tpl-title-${cat.id}`} />
                <div className="field">
                  <label htmlFor={`tpl-body-${cat.id}`}>{t("fields.templateBody")}</label>
                  <textarea id={`tpl-body-${cat.id}`} name="body" rows={4} dir="auto" />
                </div>
              </ActionForm>
            </details>
          );
        })}
      </section>
    </div>
  );
}
