import type { Metadata } from "next";
import { Forbidden } from "@/components/staff/Forbidden";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { BarChart } from "@/components/charts/BarChart";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { getCity } from "@/lib/dal/reference";
import { getStatisticsTable } from "@/lib/dal/stats";
import { DIMENSIONS, parsePeriod } from "@/lib/domain/period";
import { formatMinor } from "@/lib/domain/penalties";
import type { Metrics } from "@/lib/domain/stats";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import type { ReportChannel } from "@/db/schema";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "stats" });
  return { title: t("title"), robots: { index: false } };
}

const pct = (v: number | null) => (v === null ? "—" : `${v} %`);
const num = (v: number | null) => (v === null ? "—" : String(v));

/** The mayor's office's statistics: a period, a dimension, a chart and the same figures as a table. */
export default async function StatsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ from?: string; to?: string; dim?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (!viewer) return redirect({ href: "/login", locale });
  const t = await getTranslations({ locale, namespace: "stats" });
  const ts = await getTranslations({ locale, namespace: "staff" });
  if (!can(viewer, "stats")) {
    return <Forbidden />;
  }
  const city = await getCity();
  const search = await searchParams;
  const period = parsePeriod(search, city.timeZone, new Date());
  const { rows, total } = await getStatisticsTable(viewer, period, locale);
  const label = (key: string) => (period.dimension === "channel" ? ts(`channel.${key as ReportChannel}`) : key);
  const line = (name: string, m: Metrics, isTotal = false) => (
    <tr key={name} className={isTotal ? "stats-total" : undefined}>
      <th scope="row">{name}</th>
      <td>{m.received}</td>
      <td>{pct(m.routedOnTimeRate)}</td>
      <td>{pct(m.answeredOnTimeRate)}</td>
      <td>{num(m.medianResponseDays)}</td>
      <td>{num(m.p90ResponseDays)}</td>
      <td>{m.backlog}</td>
      <td>{m.lateNow}</td>
      <td>
        {m.outcomes.upheld} / {m.outcomes.rejected} / {m.outcomes.reoriented}
      </td>
      <td>{m.supports}</td>
      <td>{num(m.averageRating)}</td>
      <td>{pct(m.fixedRate)}</td>
      <td>
        {m.penalties.confirmedCount} ({formatMinor(m.penalties.confirmedMinor)} {city.currency})
        <span className="hint">
          {" "}
          {t("penaltiesPending", {
            proposed: m.penalties.byState.proposed.count,
            contested: m.penalties.byState.contested.count,
            waived: m.penalties.byState.waived.count,
          })}
        </span>
      </td>
    </tr>
  );
  const query = new URLSearchParams({ from: period.fromDay, to: period.toDay, dim: period.dimension }).toString();
  return (
    <div className="container container--wide">
      <h1>{t("title")}</h1>
      <form method="get" className="filters card" aria-label={t("periodLabel")}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="s-from">{t("from")}</label>
            <input id="s-from" type="date" name="from" defaultValue={period.fromDay} />
          </div>
          <div className="field">
            <label htmlFor="s-to">{t("to")}</label>
            <input id="s-to" type="date" name="to" defaultValue={period.toDay} />
          </div>
          <div className="field">
            <label htmlFor="s-dim">{t("by")}</label>
            <select id="s-dim" name="dim" defaultValue={period.dimension}>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`dimensions.${d}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t("show")}
          </button>
          <a className="button button--secondary" href={`/api/staff/stats/export?${query}`} download>
            {t("export")}
          </a>
        </div>
      </form>
      <BarChart
        data={rows.map((r) => ({ label: label(r.label), received: r.metrics.received, late: r.metrics.lateNow, onTime: r.metrics.answeredOnTime }))}
        series={[
          { key: "received", label: t("columns.received"), color: "#0b4f6c" },
          { key: "onTime", label: t("columns.answeredOnTimeCount"), color: "#067647" },
          { key: "late", label: t("columns.lateNow"), color: "#b42318" },
        ]}
      />
      <div className="table-scroll" tabIndex={0}>
        <table className="desk-table" data-testid="stats-table">
          <caption>{t("caption", { from: period.fromDay, to: period.toDay, by: t(`dimensions.${period.dimension}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`dimensions.${period.dimension}`)}</th>
              <th scope="col">{t("columns.received")}</th>
              <th scope="col">{t("columns.routedOnTime")}</th>
              <th scope="col">{t("columns.answeredOnTime")}</th>
              <th scope="col">{t("columns.median")}</th>
              <th scope="col">{t("columns.p90")}</th>
              <th scope="col">{t("columns.backlog")}</th>
              <th scope="col">{t("columns.lateNow")}</th>
              <th scope="col">{t("columns.outcomes")}</th>
              <th scope="col">{t("columns.supports")}</th>
              <th scope="col">{t("columns.rating")}</th>
              <th scope="col">{t("columns.fixed")}</th>
              <th scope="col">{t("columns.penalties")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => line(label(r.label), r.metrics))}
            {line(t("total"), total, true)}
          </tbody>
        </table>
      </div>
    </div>
  );
}
