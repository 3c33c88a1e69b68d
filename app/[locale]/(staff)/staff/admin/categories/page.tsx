import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview } from "@/lib/dal/admin";
import { localized, type Locale } from "@/lib/i18n/config";
import { saveCategoryAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("categories");

const LANGUAGES = ["fr", "ar", "en"] as const satisfies readonly Locale[];
const suffix = { fr: "Fr", ar: "Ar", en: "En" } as const;

/** Categories and their deadlines, one editable item each, and a new one. */
export default async function AdminCategoriesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const ts = await getTranslations({ locale, namespace: "staff" });
  const data = await getAdminOverview(viewer);
  const serviceName = (id: number | null) => (id ? localized(data.services.find((s) => s.id === id)?.name, locale) : "");
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="categories-title">
        <h1 id="categories-title">{t("categories.title")}</h1>
        <p className="hint">{t("categories.intro")}</p>
        <p className="hint">{t("categories.languages")}</p>
        {[...data.categories, null].map((cat) => (
          <details key={cat?.id ?? "new"} className="admin-item">
            <summary>
              {cat
                ? `${localized(cat.name, locale)} — ${serviceName(cat.serviceId)} — ${t("categories.summary", { hours: cat.triageHours, days: cat.responseDays, count: t(`dayCount.${cat.responseDayCount}`), silence: ts(`silence.${cat.silenceRule}`) })}${cat.active ? "" : ` (${t("inactive")})`}`
                : t("categories.new")}
            </summary>
            <ActionForm action={saveCategoryAction} submitLabel={t("save")} hidden={cat ? { id: String(cat.id) } : {}}>
              <div className="admin-grid">
                <Field name="code" label={t("fields.code")} value={cat?.code} />
                <div className="field">
                  <label htmlFor={`svc-${cat?.id ?? "new"}`}>{ts("fields.service")}</label>
                  <select id={`svc-${cat?.id ?? "new"}`} name="serviceId" defaultValue={cat?.serviceId ?? ""}>
                    <option value="">—</option>
                    {data.services.map((s) => (
                      <option key={s.id} value={s.id}>
                        {localized(s.name, locale)}
                      </option>
                    ))}
                  </select>
                </div>
                <Field name="nameFr" label={t("fields.nameFr")} value={cat?.name.fr} lang="fr" />
                <Field name="nameAr" label={t("fields.nameAr")} value={cat?.name.ar} lang="ar" />
                <Field name="nameEn" label={t("fields.nameEn")} value={cat?.name.en} lang="en" />
                {LANGUAGES.map((lang) => (
                  <Field
                    key={`d-${lang}`}
                    name={`description${suffix[lang]}`}
                    label={t(`fields.description${suffix[lang]}`)}
                    value={cat?.description?.[lang]}
                    lang={lang}
                    multiline
                  />
                ))}
                {LANGUAGES.map((lang) => (
                  <Field
                    key={`n-${lang}`}
                    name={`notice${suffix[lang]}`}
                    label={t(`fields.notice${suffix[lang]}`)}
                    value={cat?.notice?.[lang]}
                    lang={lang}
                    multiline
                  />
                ))}
                <Field name="triageHours" label={t("fields.triageHours")} value={cat?.triageHours ?? 48} type="number" />
                <Field name="responseDays" label={t("fields.responseDays")} value={cat?.responseDays ?? 30} type="number" />
                <Field
                  name="penaltyAmount"
                  label={t("fields.categoryPenalty")}
                  value={cat?.penaltyAmountMinor != null ? (cat.penaltyAmountMinor / 100).toFixed(2) : ""}
                />
                <div className="field">
                  <label htmlFor={`dc-${cat?.id ?? "new"}`}>{t("fields.dayCount")}</label>
                  <select id={`dc-${cat?.id ?? "new"}`} name="responseDayCount" defaultValue={cat?.responseDayCount ?? "calendar"}>
                    <option value="calendar">{t("dayCount.calendar")}</option>
                    <option value="working">{t("dayCount.working")}</option>
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`sr-${cat?.id ?? "new"}`}>{t("fields.silenceRule")}</label>
                  <select id={`sr-${cat?.id ?? "new"}`} name="silenceRule" defaultValue={cat?.silenceRule ?? "none"}>
                    {(["none", "rejection", "acceptance"] as const).map((r) => (
                      <option key={r} value={r}>
                        {ts(`silence.${r}`)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <label className="inline-choice">
                <input type="checkbox" name="isPrivate" defaultChecked={cat?.isPrivate ?? false} />
                {t("fields.isPrivate")}
              </label>
              <label className="inline-choice">
                <input type="checkbox" name="active" defaultChecked={cat?.active ?? true} />
                {t("fields.active")}
              </label>
            </ActionForm>
          </details>
        ))}
      </section>
    </div>
  );
}
