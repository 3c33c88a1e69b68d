import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { getAdminOverview } from "@/lib/dal/admin";
import { localized, type Locale } from "@/lib/i18n/config";
import { createUserAction, setUserActiveAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";
import { resetSecondFactorAction } from "../second-factor-actions";

export const generateMetadata = adminMetadata("users");

const ROLES = ["coordinator", "agent", "mayor_office", "delegate", "admin"] as const;

/** The staff accounts: who has which role and scope, activation, second factor reset; a new account. */
export default async function AdminUsersPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  const ts = await getTranslations({ locale, namespace: "staff" });
  const data = await getAdminOverview(viewer);
  const serviceName = (id: number | null) => (id ? localized(data.services.find((s) => s.id === id)?.name, locale) : "");
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
    </div>
  );
}
