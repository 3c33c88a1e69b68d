import { useId } from "react";
import type { Metadata } from "next";
import { Link } from "@/lib/i18n/navigation";
import { Forbidden } from "@/components/staff/Forbidden";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { ApiKeyIssuer } from "@/components/staff/ApiKeyIssuer";
import { getAdminOverview } from "@/lib/dal/admin";
import { listApiKeys } from "@/lib/dal/open311";
import { env } from "@/lib/env";
import { localized, type Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import {
  addHolidayAction,
  anonymiseCitizenAction,
  createUserAction,
  deleteTemplateAction,
  issueApiKeyAction,
  revokeApiKeyAction,
  removeHolidayAction,
  saveCategoryAction,
  saveDelegateAction,
  saveServiceAction,
  saveTemplateAction,
  setUserActiveAction,
  updateCityAction,
} from "./actions";
import { resetSecondFactorAction } from "./second-factor-actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "admin" });
  return { title: t("title"), robots: { index: false } };
}

const ROLES = ["coordinator", "agent", "mayor_office", "delegate", "admin"] as const;

/** The city's configuration, one section each: city, categories and deadlines, services, holidays, staff, answer templates. */
export default async function AdminPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (!viewer) return redirect({ href: "/login", locale });
  const t = await getTranslations({ locale, namespace: "admin" });
  const ts = await getTranslations({ locale, namespace: "staff" });
  const tAll = await getTranslations({ locale });
  if (!can(viewer, "admin")) {
    return <Forbidden />;
  }
  const [data, keys] = await Promise.all([getAdminOverview(viewer), listApiKeys(viewer)]);
  const serviceName = (id: number | null) => (id ? localized(data.services.find((s) => s.id === id)?.name, locale) : "");
  const c = data.city;
  const retentionMonths = env().retentionMonths;
  return (
    <div className="container container--wide admin">
      <h1>{t("title")}</h1>
      <nav aria-label={t("sections")}>
        <ul className="admin-toc">
          {["city", "categories", "services", "delegates", "holidays", "users", "templates", "apiKeys", "privacy"].map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t(`${s}.title`)}</a>
            </li>
          ))}
          <li>
            <Link href="/staff/admin/audit">{t("auditLink")}</Link>
          </li>
        </ul>
      </nav>

      <section id="city" aria-labelledby="city-title">
        <h2 id="city-title">{t("city.title")}</h2>
        <p className="hint">{t("city.prefixFixed", { prefix: c.trackingPrefix, zone: c.timeZone, currency: c.currency })}</p>
        <ActionForm action={updateCityAction} submitLabel={t("save")}>
          <div className="admin-grid">
            <Field name="nameFr" label={t("fields.nameFr")} value={c.name.fr} />
            <Field name="nameAr" label={t("fields.nameAr")} value={c.name.ar} />
            <Field name="nameEn" label={t("fields.nameEn")} value={c.name.en} />
            <Field name="emergencyPhone" label={t("fields.emergencyPhone")} value={c.emergencyPhone} />
            <Field name="centerLat" label={t("fields.centerLat")} value={c.centerLat} />
            <Field name="centerLng" label={t("fields.centerLng")} value={c.centerLng} />
            <Field name="minLat" label={t("fields.minLat")} value={c.minLat} />
            <Field name="minLng" label={t("fields.minLng")} value={c.minLng} />
            <Field name="maxLat" label={t("fields.maxLat")} value={c.maxLat} />
            <Field name="maxLng" label={t("fields.maxLng")} value={c.maxLng} />
          </div>
        </ActionForm>
      </section>

      <section id="categories" aria-labelledby="categories-title">
        <h2 id="categories-title">{t("categories.title")}</h2>
        <p className="hint">{t("categories.intro")}</p>
        {[...data.categories, null].map((cat) => (
          <details key={cat?.id ?? "new"} className="admin-item">
            <summary>
              {cat
                ? `${cat.name.fr} — ${serviceName(cat.serviceId)} — ${t("categories.summary", { hours: cat.triageHours, days: cat.responseDays, count: t(`dayCount.${cat.responseDayCount}`), silence: ts(`silence.${cat.silenceRule}`) })}${cat.active ? "" : ` (${t("inactive")})`}`
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
                <Field name="nameFr" label={t("fields.nameFr")} value={cat?.name.fr} />
                <Field name="nameAr" label={t("fields.nameAr")} value={cat?.name.ar} />
                <Field name="nameEn" label={t("fields.nameEn")} value={cat?.name.en} />
                <Field name="descriptionFr" label={t("fields.descriptionFr")} value={cat?.description?.fr} />
                <Field name="noticeFr" label={t("fields.noticeFr")} value={cat?.notice?.fr} />
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

      <section id="services" aria-labelledby="services-title">
        <h2 id="services-title">{t("services.title")}</h2>
        {[...data.services, null].map((s) => (
          <details key={s?.id ?? "new"} className="admin-item">
            <summary>
              {s ? `${s.name.fr}${s.delegateId ? ` — ${data.delegates.find((d) => d.id === s.delegateId)?.name ?? ""}` : ""}` : t("services.new")}
            </summary>
            <ActionForm action={saveServiceAction} submitLabel={t("save")} hidden={s ? { id: String(s.id) } : {}}>
              <div className="admin-grid">
                <Field name="code" label={t("fields.code")} value={s?.code} />
                <Field name="nameFr" label={t("fields.nameFr")} value={s?.name.fr} />
                <Field name="nameAr" label={t("fields.nameAr")} value={s?.name.ar} />
                <Field name="nameEn" label={t("fields.nameEn")} value={s?.name.en} />
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

      <section id="delegates" aria-labelledby="delegates-title">
        <h2 id="delegates-title">{t("delegates.title")}</h2>
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
                <Field name="penaltyCurrency" label={t("fields.penaltyCurrency")} value={d?.penaltyCurrency ?? c.currency} />
                <Field name="contactEmail" label={t("fields.email")} value={d?.contactEmail} type="email" />
              </div>
            </ActionForm>
          </details>
        ))}
      </section>

      <section id="holidays" aria-labelledby="holidays-title">
        <h2 id="holidays-title">{t("holidays.title")}</h2>
        <p className="hint">{t("holidays.intro", { country: c.holidayCountry })}</p>
        <ul className="plain-list">
          {data.holidays.map((h) => (
            <li key={h.day} className="admin-row">
              <span>
                {h.day} — {h.name.fr}
              </span>
              <ActionForm action={removeHolidayAction} submitLabel={t("remove")} hidden={{ day: h.day }} variant="secondary" />
            </li>
          ))}
        </ul>
        <ActionForm action={addHolidayAction} submitLabel={t("holidays.add")} title={t("holidays.add")}>
          <div className="admin-grid">
            <Field name="day" label={t("fields.day")} type="date" />
            <Field name="nameFr" label={t("fields.nameFr")} />
          </div>
        </ActionForm>
      </section>

      <section id="users" aria-labelledby="users-title">
        <h2 id="users-title">{t("users.title")}</h2>
        <div className="table-scroll" tabIndex={0}>
          <table className="desk-table">
            <thead>
              <tr>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">{t("fields.person")}</th>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("fields.scope")}</th>
                <th scope="col">{t("fields.active")}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <tr key={u.id}>
                  <td>{u.email}</td>
                  <td>
                    {u.firstName} {u.lastName}
                    {u.title ? <span className="hint"> — {u.title}</span> : null}
                  </td>
                  <td>{u.role ? ts(`roles.${u.role}`) : ""}</td>
                  <td>{u.serviceId ? serviceName(u.serviceId) : u.delegateId ? data.delegates.find((d) => d.id === u.delegateId)?.name : "—"}</td>
                  <td>
                    <ActionForm
                      action={setUserActiveAction}
                      submitLabel={u.active ? t("users.deactivate") : t("users.activate")}
                      hidden={{ userId: u.id, active: u.active ? "" : "on" }}
                      variant="secondary"
                    />
                    {u.hasSecondFactor ? (
                      <ActionForm action={resetSecondFactorAction} submitLabel={t("users.secondFactorReset")} hidden={{ userId: u.id }} variant="secondary" />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ActionForm action={createUserAction} submitLabel={t("users.create")} title={t("users.new")}>
          <div className="admin-grid">
            <Field name="email" label={t("fields.email")} type="email" />
            <Field name="firstName" label={t("fields.firstName")} />
            <Field name="lastName" label={t("fields.lastName")} />
            <Field name="title" label={t("fields.title")} />
            <div className="field">
              <label htmlFor="new-role">{t("fields.role")}</label>
              <select id="new-role" name="role" defaultValue="agent">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ts(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="new-service">{t("fields.serviceForAgent")}</label>
              <select id="new-service" name="serviceId" defaultValue="">
                <option value="">—</option>
                {data.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {localized(s.name, locale)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="new-delegate">{t("fields.delegateForDelegate")}</label>
              <select id="new-delegate" name="delegateId" defaultValue="">
                <option value="">—</option>
                {data.delegates.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
            <Field name="password" label={t("fields.password")} type="password" />
          </div>
        </ActionForm>
      </section>

      <section id="apiKeys" aria-labelledby="api-keys-title">
        <h2 id="api-keys-title">{t("apiKeys.title")}</h2>
        <p className="hint">{t("apiKeys.intro")}</p>
        <ul className="plain-list">
          {keys.map((k) => (
            <li key={k.id} className="admin-row">
              <span>
                {k.name} — {k.createdAt.toISOString().slice(0, 10)}
                {k.revokedAt ? ` — ${t("apiKeys.revoked")}` : ""}
              </span>
              {k.revokedAt ? null : <ActionForm action={revokeApiKeyAction} submitLabel={t("apiKeys.revoke")} hidden={{ keyId: k.id }} variant="secondary" />}
            </li>
          ))}
        </ul>
        <ApiKeyIssuer action={issueApiKeyAction} />
      </section>

      <section id="templates" aria-labelledby="templates-title">
        <h2 id="templates-title">{t("templates.title")}</h2>
        {data.categories.map((cat) => {
          const own = data.templates.filter((tpl) => tpl.categoryId === cat.id);
          return (
            <details key={cat.id} className="admin-item">
              <summary>
                {cat.name.fr} ({own.length})
              </summary>
              <ul className="plain-list">
                {own.map((tpl) => (
                  <li key={tpl.id} className="admin-row">
                    <span>
                      <strong>{tAll(`tracking.outcome.${tpl.outcome}`)}</strong> — {tpl.title}
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
                        {tAll(`tracking.outcome.${o}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <Field name="title" label={t("fields.templateTitle")} id={`tpl-title-${cat.id}`} />
                <div className="field">
                  <label htmlFor={`tpl-body-${cat.id}`}>{t("fields.templateBody")}</label>
                  <textarea id={`tpl-body-${cat.id}`} name="body" rows={4} />
                </div>
              </ActionForm>
            </details>
          );
        })}
      </section>

      <section id="privacy" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t("privacy.title")}</h2>
        <p className="hint">{t("privacy.intro", { months: retentionMonths })}</p>
        <ActionForm action={anonymiseCitizenAction} submitLabel={t("privacy.submit")} title={t("privacy.form")} testId="anonymise-citizen">
          <Field name="contact" label={t("privacy.contact")} id="privacy-contact" />
          <label className="inline-choice">
            <input type="checkbox" name="confirm" />
            {t("privacy.confirm")}
          </label>
        </ActionForm>
      </section>
    </div>
  );
}

function Field({ name, label, value, type = "text", id }: { name: string; label: string; value?: string | number | null; type?: string; id?: string }) {
  const generated = useId();
  const fieldId = id ?? `f-${name}${generated.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <input id={fieldId} name={name} type={type} defaultValue={value ?? ""} step={type === "number" ? "any" : undefined} />
    </div>
  );
}
