import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { FormFieldsEditor } from "@/components/staff/FormFieldsEditor";
import { getAdminOverview } from "@/lib/dal/admin";
import { defaultLocale, isLocale, localized, type Locale } from "@/lib/i18n/config";
import { saveCategoryAction, saveRequestTypeFieldsAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("categories");

const LANGUAGES = ["fr", "ar", "en"] as const satisfies readonly Locale[];
const suffix = { fr: "Fr", ar: "Ar", en: "En" } as const;

const LOCATION_LABEL = { required: "locationRequired", optional: "locationOptional", none: "locationNone" } as const;

/**
 * Categories, which are the request types: one editable item each (family, place rule, texts,
 * acknowledgement, deadlines, silence rule) with the editor of its own fields, and a new one.
 */
export default async function AdminCategoriesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const ts = await getTranslations({ locale, namespace: "staff" });
  const data = await getAdminOverview(viewer);
  const fallbackLocale = isLocale(data.city.defaultLocale) ? data.city.defaultLocale : defaultLocale;
  const serviceName = (id: number | null) => (id ? localized(data.services.find((s) => s.id === id)?.name, locale) : "");
  const typeSummary = (cat: (typeof data.categories)[number]) => {
    const form = data.forms.get(cat.id);
    return t("types.summary", {
      kind: t(cat.kind === "complaint" ? "types.kindComplaint" : "types.kindRequest"),
      place: t(`types.${LOCATION_LABEL[cat.location]}`),
      form: form ? t("types.formVersion", { version: form.version, count: form.fields.length }) : t("types.formNone"),
    });
  };
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
                ? `${localized(cat.name, locale)} — ${typeSummary(cat)} — ${serviceName(cat.serviceId)} — ${t("categories.summary", { hours: cat.triageHours, days: cat.responseDays, count: t(`dayCount.${cat.responseDayCount}`), silence: ts(`silence.${cat.silenceRule}`) })}${cat.active ? "" : ` (${t("inactive")})`}`
                : t("categories.new")}
            </summary>
            <ActionForm action={saveCategoryAction} submitLabel={t("save")} hidden={cat ? { id: String(cat.id) } : {}}>
              <div className="admin-grid">
                <Field name="code" label={t("fields.code")} value={cat?.code} />
                <div className="field">
                  <label htmlFor={`kind-${cat?.id ?? "new"}`}>{t("types.kind")}</label>
                  <select id={`kind-${cat?.id ?? "new"}`} name="kind" defaultValue={cat?.kind ?? "complaint"}>
                    <option value="complaint">{t("types.kindComplaint")}</option>
                    <option value="request">{t("types.kindRequest")}</option>
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`loc-${cat?.id ?? "new"}`}>{t("types.location")}</label>
                  <select id={`loc-${cat?.id ?? "new"}`} name="location" defaultValue={cat?.location ?? "required"}>
                    {(["required", "optional", "none"] as const).map((rule) => (
                      <option key={rule} value={rule}>
                        {t(`types.${LOCATION_LABEL[rule]}`)}
                      </option>
                    ))}
                  </select>
                </div>
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
                {LANGUAGES.map((lang) => (
                  <Field
                    key={`a-${lang}`}
                    name={`acknowledgement${suffix[lang]}`}
                    label={t(`types.acknowledgement${suffix[lang]}`)}
                    value={cat?.acknowledgement?.[lang]}
                    lang={lang}
                    hint={lang === "fr" ? t("types.acknowledgementHint") : undefined}
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
            {cat ? (
              <section aria-labelledby={`type-fields-${cat.id}`} className="admin-type-fields">
                <h2 id={`type-fields-${cat.id}`}>{t("types.fieldsTitle")}</h2>
                <p className="hint">{t("types.fieldsIntro")}</p>
                <FormFieldsEditor
                  action={saveRequestTypeFieldsAction}
                  categoryId={cat.id}
                  version={data.forms.get(cat.id)?.version ?? null}
                  fields={data.forms.get(cat.id)?.fields ?? []}
                  fallbackLocale={fallbackLocale}
                />
              </section>
            ) : null}
          </details>
        ))}
      </section>
    </div>
  );
}
