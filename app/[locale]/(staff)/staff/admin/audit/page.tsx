import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Forbidden } from "@/components/staff/Forbidden";
import { mayPerform } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { listAudit } from "@/lib/dal/audit";
import { getCity } from "@/lib/dal/reference";
import { auditFilterOf } from "@/lib/domain/audit-filter";
import type { Locale } from "@/lib/i18n/config";
import { Link, redirect } from "@/lib/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "audit" });
  return { title: t("title"), robots: { index: false } };
}

/** What was changed in the city's configuration and accounts, and every sign-in: administrators only. */
export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (!viewer) return redirect({ href: "/login", locale });
  if (!mayPerform(viewer, "audit.read")) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "audit" });
  const format = await getFormatter({ locale });
  const { timeZone } = await getCity();
  const search = await searchParams;
  const filter = auditFilterOf(search, timeZone);
  const rows = await listAudit(viewer, { ...filter.filter, limit: 500 });
  const exportQuery = new URLSearchParams(Object.entries(filter.query).filter(([, v]) => v !== "")).toString();
  const show = (value: Record<string, unknown> | null) => (value ? JSON.stringify(value) : "—");
  return (
    <div className="container container--wide">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>
        <Link href="/staff/admin">{t("back")}</Link>
      </p>
      <form method="get" className="filters card" aria-label={t("filters")}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="audit-from">{t("from")}</label>
            <input id="audit-from" name="from" type="date" defaultValue={filter.query.from} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">{t("to")}</label>
            <input id="audit-to" name="to" type="date" defaultValue={filter.query.to} />
          </div>
          <div className="field">
            <label htmlFor="audit-kind">{t("kind")}</label>
            <select id="audit-kind" name="kind" defaultValue={filter.query.kind}>
              <option value="">{t("kinds.all")}</option>
              {filter.kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {filter.error ? (
          <p className="alert alert--error" role="alert">
            {t(`errors.${filter.error}`)}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button">
            {t("apply")}
          </button>
          <a className="button button--secondary" href={`/api/staff/audit/export${exportQuery ? `?${exportQuery}` : ""}`} download>
            {t("export")}
          </a>
        </div>
      </form>
      {rows.length === 0 ? <p>{t("empty")}</p> : null}
      <div className="table-scroll" tabIndex={0}>
        <table className="desk-table">
          <caption className="visually-hidden">{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.at")}</th>
              <th scope="col">{t("columns.actor")}</th>
              <th scope="col">{t("columns.action")}</th>
              <th scope="col">{t("columns.target")}</th>
              <th scope="col">{t("columns.before")}</th>
              <th scope="col">{t("columns.after")}</th>
              <th scope="col">{t("columns.address")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{format.dateTime(r.at, { dateStyle: "short", timeStyle: "medium", timeZone })}</td>
                <td dir="ltr">{r.actorEmail ?? "—"}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td dir="ltr">{r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : "—"}</td>
                <td dir="ltr" className="audit-json">
                  {show(r.before)}
                </td>
                <td dir="ltr" className="audit-json">
                  {show(r.after)}
                </td>
                <td dir="ltr">{r.address ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
