import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview } from "@/lib/dal/admin";
import { isLocale, localized, type Locale } from "@/lib/i18n/config";
import { Link } from "@/lib/i18n/navigation";
import { createUserAction, setUserActiveAction, updateUserAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";
import { resetSecondFactorAction } from "../second-factor-actions";

export const generateMetadata = adminMetadata("users");

const ROLES = ["coordinator", "agent", "mayor_office", "delegate", "admin"] as const;
const LOCALES = ["fr", "ar", "en"] as const;

type Scope = { services: { id: number; name: string }[]; delegates: { id: number; name: string }[] };
type Role = (typeof ROLES)[number];

/** Role, service and delegate choices of an account form; `prefix` keeps the ids unique on the page. */
async function ScopeFields({
  locale,
  prefix,
  scope,
  initialRole,
  serviceId,
  delegateId,
}: {
  locale: Locale;
  prefix: string;
  scope: Scope;
  initialRole: Role;
  serviceId?: number | null;
  delegateId?: number | null;
}) {
  const t = await getTranslations({ locale, namespace: "admin" });
  const ts = await getTranslations({ locale, namespace: "staff" });
  return (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-role`}>{t("fields.role")}</label>
        <select id={`${prefix}-role`} name="role" defaultValue={initialRole}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ts(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-service`}>{t("fields.serviceForAgent")}</label>
        <select id={`${prefix}-service`} name="serviceId" defaultValue={serviceId ?? ""}>
          <option value="">—</option>
          {scope.services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-delegate`}>{t("fields.delegateForDelegate")}</label>
        <select id={`${prefix}-delegate`} name="delegateId" defaultValue={delegateId ?? ""}>
          <option value="">—</option>
          {scope.delegates.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

/**
 * The staff accounts: who has which role and scope; one account opened for editing (`?edit=<id>`, a
 * plain link: it works without JavaScript) with its deactivation, confirmed by a ticked box, and its
 * second factor reset; a new account, invited by mail to choose its password.
 */
export default async function AdminUsersPage({ params, searchParams }: { params: Promise<{ locale: Locale }>; searchParams: Promise<{ edit?: string }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const ts = await getTranslations({ locale, namespace: "staff" });
  const ta = await getTranslations({ locale, namespace: "account" });
  const format = await getFormatter({ locale });
  const data = await getAdminOverview(viewer);
  const { edit } = await searchParams;
  const scope: Scope = {
    services: data.services.map((s) => ({ id: s.id, name: localized(s.name, locale) })),
    delegates: data.delegates.map((d) => ({ id: d.id, name: d.name })),
  };
  const serviceName = (id: number | null) => scope.services.find((s) => s.id === id)?.name ?? "";
  const cityLocale = isLocale(data.city.defaultLocale) ? data.city.defaultLocale : "fr";
  const editing = data.users.find((u) => u.id === edit) ?? null;
  const fullName = (u: { firstName: string | null; lastName: string | null }) => [u.firstName, u.lastName].filter(Boolean).join(" ");
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="users-title">
        <h1 id="users-title">{t("users.title")}</h1>
        <div className="table-scroll" tabIndex={0}>
          <table className="desk-table">
            <thead>
              <tr>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">{t("fields.person")}</th>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("fields.scope")}</th>
                <th scope="col" className="cell-nowrap">
                  {t("users.since")}
                </th>
                <th scope="col" className="cell-nowrap">
                  {t("users.state")}
                </th>
                <th scope="col" className="cell-nowrap">
                  {t("users.actions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <tr key={u.id} aria-current={u.id === editing?.id ? "true" : undefined} className={u.id === editing?.id ? "admin-user--editing" : undefined}>
                  <td dir="ltr" className="cell-nowrap">
                    {u.email}
                  </td>
                  <td>
                    {fullName(u)}
                    {u.title ? <span className="hint"> — {u.title}</span> : null}
                  </td>
                  <td>{u.role ? ts(`roles.${u.role}`) : ""}</td>
                  <td>{u.serviceId ? serviceName(u.serviceId) : u.delegateId ? data.delegates.find((d) => d.id === u.delegateId)?.name : "—"}</td>
                  <td className="cell-nowrap">{format.dateTime(u.createdAt, { dateStyle: "medium", timeZone: data.city.timeZone })}</td>
                  <td className="cell-nowrap">
                    <span className={u.active ? "account-state" : "account-state account-state--inactive"}>
                      {u.active ? t("users.active") : t("users.inactive")}
                    </span>
                  </td>
                  <td className="cell-nowrap">
                    <div className="admin-row">
                      <Link
                        href={`/staff/admin/users?edit=${u.id}#account-edit`}
                        prefetch={false}
                        aria-label={fullName(u) ? t("users.editOf", { name: fullName(u) }) : undefined}
                      >
                        {t("users.edit")}
                      </Link>
                      {u.active ? null : (
                        <ActionForm
                          action={setUserActiveAction}
                          submitLabel={t("users.activate")}
                          hidden={{ userId: u.id, active: "on" }}
                          variant="secondary"
                        />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        {editing ? (
          <section id="account-edit" aria-labelledby="account-edit-title" className="admin-item">
            <h2 id="account-edit-title">{t("users.editTitle", { name: fullName(editing) || editing.email })}</h2>
            <p className="hint" dir="ltr">
              {editing.email}
            </p>
            <ActionForm
              action={updateUserAction}
              submitLabel={t("save")}
              title={t("users.editForm")}
              hidden={{ userId: editing.id }}
              key={`edit-${editing.id}`}
            >
              <div className="admin-grid">
                <Field name="firstName" label={t("fields.firstName")} value={editing.firstName} id="edit-firstName" />
                <Field name="lastName" label={t("fields.lastName")} value={editing.lastName} id="edit-lastName" />
                <Field name="title" label={t("fields.title")} value={editing.title} id="edit-title" />
                <ScopeFields
                  locale={locale}
                  prefix="edit"
                  scope={scope}
                  initialRole={editing.role ?? "agent"}
                  serviceId={editing.serviceId}
                  delegateId={editing.delegateId}
                />
              </div>
            </ActionForm>
            {editing.active && editing.id !== viewer.id ? (
              <ActionForm
                action={setUserActiveAction}
                submitLabel={t("users.deactivate")}
                title={t("users.deactivateTitle")}
                hidden={{ userId: editing.id }}
                variant="secondary"
                key={`deactivate-${editing.id}`}
              >
                <p className="hint">{t("users.deactivateHint")}</p>
                <label className="inline-choice">
                  <input type="checkbox" name="confirm" />
                  {t("users.deactivateConfirm", { email: editing.email })}
                </label>
              </ActionForm>
            ) : null}
            {editing.hasSecondFactor ? (
              <ActionForm action={resetSecondFactorAction} submitLabel={t("users.secondFactorReset")} hidden={{ userId: editing.id }} variant="secondary" />
            ) : null}
            <p>
              <Link href="/staff/admin/users" prefetch={false}>
                {t("users.closeEdit")}
              </Link>
            </p>
          </section>
        ) : null}

        <ActionForm action={createUserAction} submitLabel={t("users.create")} title={t("users.new")}>
          <p className="hint">{t("users.invitationHint")}</p>
          <div className="admin-grid">
            <Field name="email" label={t("fields.email")} type="email" />
            <Field name="firstName" label={t("fields.firstName")} />
            <Field name="lastName" label={t("fields.lastName")} />
            <Field name="title" label={t("fields.title")} />
            <ScopeFields locale={locale} prefix="new" scope={scope} initialRole="agent" />
            <div className="field">
              <label htmlFor="new-locale">{t("fields.accountLocale")}</label>
              <select id="new-locale" name="locale" defaultValue="">
                <option value="">{ta("languageDefault", { language: ta(`languages.${cityLocale}`) })}</option>
                {LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {ta(`languages.${l}`)}
                  </option>
                ))}
              </select>
            </div>
            <Field name="password" label={t("fields.password")} type="password" />
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
