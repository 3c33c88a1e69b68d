import type { Metadata } from "next";
import { Fragment } from "react";
import { Forbidden } from "@/components/staff/Forbidden";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { BarChart } from "@/components/charts/BarChart";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { getCity } from "@/lib/dal/reference";
import { getStatisticsDashboard, getStatisticsTable, getStatisticsTypes, type StatisticsDashboard } from "@/lib/dal/stats";
import type { Change } from "@/lib/domain/dashboard";
import { DIMENSIONS, daysIn, parsePeriod, parseStatsFilter } from "@/lib/domain/period";
import { NO_DELEGATE, type Metrics } from "@/lib/domain/stats";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import type { ReportChannel } from "@/db/schema";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "stats" });
  return { title: t("title"), robots: { index: false } };
}

/** Numbers as the reader writes them (Morocco's Arabic keeps Western digits). */
const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", ar: "ar-MA", en: "en-GB" };

/** The mayor's office's statistics: headline figures, the monthly trend, then a period's figures by dimension, each chart beside its table. */
export default async function StatsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ from?: string; to?: string; dim?: string; type?: string; kind?: string }>;
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
  const types = await getStatisticsTypes(viewer, locale);
  const asked = parseStatsFilter(search);
  // A type that is not one filters nothing (rather than showing zeros as if it had no reports).
  const filter = { ...asked, categoryId: types.some((c) => c.id === asked.categoryId) ? asked.categoryId : undefined };
  const chosenType = types.find((c) => c.id === filter.categoryId);
  const filterQuery = {
    ...(filter.categoryId === undefined ? {} : { type: String(filter.categoryId) }),
    ...(filter.kind === undefined ? {} : { kind: filter.kind }),
  };
  const intl = INTL_LOCALE[locale];
  const number = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(intl, { style: "percent", maximumFractionDigits: 1 });
  // Whole amounts without decimals ("1 000 MAD"), cents only when there are some.
  const money = (digits: number) =>
    new Intl.NumberFormat(intl, {
      style: "currency",
      currency: city.currency,
      currencyDisplay: "code",
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  const day = new Intl.DateTimeFormat(intl, { dateStyle: "medium", timeZone: "UTC" });
  const monthName = new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" });
  const shortMonth = new Intl.DateTimeFormat(intl, { month: "short", year: "numeric", timeZone: "UTC" });
  const dayOf = (iso: string) => day.format(new Date(`${iso}T00:00:00Z`));
  const monthOf = (month: string, format = monthName) => format.format(new Date(`${month}-01T00:00:00Z`));
  const fmt = (v: number | null) => (v === null ? "—" : number.format(v));
  const pct = (v: number | null) => (v === null ? "—" : percent.format(v / 100));
  const amount = (minor: number) => money(minor % 100 === 0 ? 0 : 2).format(minor / 100);

  const form = (
    <form method="get" className="filters card" aria-label={t("periodLabel")}>
      <div className="filters__grid">
        <div className="field">
          <label htmlFor="s-from">{t("from")}</label>
          {/* What was typed stays in the form, a wrong period included, so that it can be corrected. */}
          <input
            id="s-from"
            type="date"
            name="from"
            defaultValue={period.error ? period.input.from : period.fromDay}
            aria-invalid={period.error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="s-to">{t("to")}</label>
          <input id="s-to" type="date" name="to" defaultValue={period.error ? period.input.to : period.toDay} aria-invalid={period.error ? true : undefined} />
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
        <div className="field">
          <label htmlFor="s-type">{t("filterType")}</label>
          <select id="s-type" name="type" defaultValue={filter.categoryId === undefined ? "" : String(filter.categoryId)}>
            <option value="">{t("allTypes")}</option>
            {(["complaint", "request"] as const).map((kind) => (
              <optgroup key={kind} label={t(`kinds.${kind}`)}>
                {types
                  .filter((c) => c.kind === kind)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-kind">{t("filterKind")}</label>
          <select id="s-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">{t("allKinds")}</option>
            <option value="complaint">{t("kinds.complaint")}</option>
            <option value="request">{t("kinds.request")}</option>
          </select>
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t("show")}
        </button>
        {!period.error && (
          <a
            className="button button--secondary"
            href={`/api/staff/stats/export?${new URLSearchParams({ from: period.fromDay, to: period.toDay, dim: period.dimension, ...filterQuery })}`}
            download
          >
            {t("export")}
          </a>
        )}
        {!period.error && chosenType && (
          <a
            className="button button--secondary"
            href={`/api/staff/stats/type-export?${new URLSearchParams({ type: String(chosenType.id), from: period.fromDay, to: period.toDay })}`}
            download
          >
            {t("exportType")}
          </a>
        )}
      </div>
    </form>
  );

  if (period.error) {
    // No figures for a period that is not one: zeros would read as "nothing happened".
    return (
      <div className="container container--wide">
        <h1>{t("title")}</h1>
        {form}
        <p role="alert" className="alert alert--error">
          {t(`errors.${period.error}`)}
        </p>
      </div>
    );
  }

  const [{ rows, total }, dashboard] = await Promise.all([
    getStatisticsTable(viewer, { ...period, filter }, locale),
    getStatisticsDashboard(viewer, { ...period, filter }),
  ]);
  const byDelegate = period.dimension === "delegate";
  const label = (key: string, name: string) =>
    period.dimension === "channel"
      ? ts(`channel.${key as ReportChannel}`)
      : period.dimension === "kind"
        ? t(`kinds.${key as "complaint" | "request"}`)
        : byDelegate && key === NO_DELEGATE
          ? t("noDelegate")
          : name;
  const filteredBy = [chosenType?.name, filter.kind ? t(`kinds.${filter.kind}`) : undefined].filter(Boolean).join(" · ");

  /** A change as read aloud: "+12 % par rapport à …", its tone said in words too (not by colour alone). */
  const changeText = (c: Change, kind: "count" | "rate" | "days", previous: string, against: "period" | "month") => {
    if (c.delta === null) return t("dashboard.noComparison");
    const sign = c.delta > 0 ? "+" : c.delta < 0 ? "−" : "";
    const size = Math.abs(c.delta);
    const change =
      c.direction === "same"
        ? t("dashboard.same")
        : kind === "rate"
          ? `${sign}${t("dashboard.points", { value: number.format(size) })}`
          : kind === "days"
            ? `${sign}${t("dashboard.days", { value: size })}`
            : c.relative === null
              ? `${sign}${number.format(size)}`
              : `${sign}${number.format(size)} (${sign}${number.format(Math.abs(c.relative))} %)`;
    const tone = c.tone === "neutral" ? "" : ` (${t(c.tone === "better" ? "dashboard.better" : "dashboard.worse")})`;
    return against === "period"
      ? `${t("dashboard.vsPrevious", { change, previous })}${tone}`
      : `${t("dashboard.vsLastMonth", { change, previous, month: monthOf(dashboard.penalties.previous.month) })}${tone}`;
  };

  const penaltyParts = (m: Metrics) => {
    const s = m.penalties.byState;
    return [
      t("penaltiesCell.confirmed", { count: m.penalties.confirmedCount, amount: amount(m.penalties.confirmedMinor) }),
      t("penaltiesCell.proposed", { count: s.proposed.count }),
      t("penaltiesCell.contested", { count: s.contested.count }),
      t("penaltiesCell.waived", { count: s.waived.count }),
    ];
  };

  const line = (key: string, name: string, m: Metrics, isTotal = false) => (
    <tr key={key} className={isTotal ? "stats-total" : undefined}>
      <th scope="row">{name}</th>
      <td className="num">{fmt(m.received)}</td>
      <td className="num">{pct(m.routedOnTimeRate)}</td>
      <td className="num">{pct(m.answeredOnTimeRate)}</td>
      <td className="num">{fmt(m.medianResponseDays)}</td>
      <td className="num">{fmt(m.p90ResponseDays)}</td>
      <td className="num">{fmt(m.backlog)}</td>
      <td className="num">{fmt(m.lateNow)}</td>
      <td className="num">
        {fmt(m.outcomes.upheld)} / {fmt(m.outcomes.rejected)} / {fmt(m.outcomes.reoriented)}
      </td>
      <td className="num">{fmt(m.supports)}</td>
      <td className="num">{fmt(m.averageRating)}</td>
      <td className="num">{pct(m.fixedRate)}</td>
      <td className="stats-penalties">
        {/* Separate figures: the proposed, contested and waived are not part of the confirmed. */}
        {penaltyParts(m).map((part, i) => (
          // Each figure whole on its line; the lines break between figures only.
          <Fragment key={part}>
            {i > 0 && " · "}
            <span className="nowrap">{part}</span>
          </Fragment>
        ))}
      </td>
    </tr>
  );

  return (
    <div className="container container--wide">
      <h1>{t("title")}</h1>
      {form}
      {filteredBy && (
        <p className="hint" data-testid="stats-filter">
          {t("filtered", { what: filteredBy })}
        </p>
      )}
      <Headline dashboard={dashboard} t={t} fmt={fmt} pct={pct} amount={amount} changeText={changeText} dayOf={dayOf} monthOf={monthOf} period={period} />

      <section aria-labelledby="stats-trend" className="stats-section">
        <h2 id="stats-trend">{t("trend.title")}</h2>
        <BarChart
          dir={locale === "ar" ? "rtl" : "ltr"}
          data={dashboard.trend.map((m) => ({ label: monthOf(m.month, shortMonth), received: m.received, onTime: m.answeredOnTime }))}
          series={[
            { key: "received", label: t("trend.received"), color: "#0b4f6c" },
            { key: "onTime", label: t("trend.answeredOnTime"), color: "#067647" },
          ]}
        />
        <div className="table-scroll" tabIndex={0}>
          <table className="desk-table stats-table" data-testid="trend-table">
            <caption id="stats-trend-caption">
              {t("trend.caption", { from: monthOf(dashboard.trend[0].month), to: monthOf(dashboard.trend.at(-1)!.month) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("trend.month")}</th>
                <th scope="col">{t("trend.received")}</th>
                <th scope="col">{t("trend.answered")}</th>
                <th scope="col">{t("trend.answeredOnTime")}</th>
                <th scope="col">{t("trend.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.trend.map((m) => (
                <tr key={m.month}>
                  <th scope="row" className="nowrap">
                    {monthOf(m.month)}
                  </th>
                  <td className="num">{fmt(m.received)}</td>
                  <td className="num">{fmt(m.answered)}</td>
                  <td className="num">{fmt(m.answeredOnTime)}</td>
                  <td className="num">{pct(m.answeredOnTimeRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="stats-by" className="stats-section">
        <h2 id="stats-by">{t("caption", { from: dayOf(period.fromDay), to: dayOf(period.toDay), by: t(`dimensions.${period.dimension}`) })}</h2>
        <BarChart
          layout="rows"
          dir={locale === "ar" ? "rtl" : "ltr"}
          data={rows.map((r) => ({ label: label(r.key, r.label), received: r.metrics.received, onTime: r.metrics.answeredOnTime, late: r.metrics.lateNow }))}
          series={[
            { key: "received", label: t("columns.received"), color: "#0b4f6c" },
            { key: "onTime", label: t("columns.answeredOnTimeCount"), color: "#067647" },
            { key: "late", label: t("columns.lateNow"), color: "#b42318" },
          ]}
        />
        <div className="table-scroll" tabIndex={0}>
          <table className="desk-table stats-table" data-testid="stats-table">
            <caption id="stats-table-caption">
              {t("caption", { from: dayOf(period.fromDay), to: dayOf(period.toDay), by: t(`dimensions.${period.dimension}`) })}
              {byDelegate && <span className="hint stats-caption-note">{t("delegateNote", { none: t("noDelegate") })}</span>}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(`csv.${period.dimension}`)}</th>
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
              {rows.map((r) => line(r.key, label(r.key, r.label), r.metrics))}
              {line("total", t("total"), total, true)}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<"stats">>>;

/** The headline figures of the period, each with its change against the period of the same length just before. */
function Headline({
  dashboard,
  t,
  fmt,
  pct,
  amount,
  changeText,
  dayOf,
  monthOf,
  period,
}: {
  dashboard: StatisticsDashboard;
  t: Translate;
  fmt: (v: number | null) => string;
  pct: (v: number | null) => string;
  amount: (minor: number) => string;
  changeText: (c: Change, kind: "count" | "rate" | "days", previous: string, against: "period" | "month") => string;
  dayOf: (iso: string) => string;
  monthOf: (month: string) => string;
  period: { fromDay: string; toDay: string };
}) {
  const { headline: h, penalties: p } = dashboard;
  const days = (v: number | null) => (v === null ? "—" : t("dashboard.days", { value: v }));
  const figures = [
    {
      key: "received",
      label: t("dashboard.received"),
      value: fmt(h.received.current),
      change: changeText(h.received, "count", fmt(h.received.previous), "period"),
      tone: h.received.tone,
    },
    {
      key: "onTime",
      label: t("dashboard.answeredOnTime"),
      value: pct(h.answeredOnTimeRate.current),
      detail: t("dashboard.answeredOnTimeOf", { count: h.answered }),
      change: changeText(h.answeredOnTimeRate, "rate", pct(h.answeredOnTimeRate.previous), "period"),
      tone: h.answeredOnTimeRate.tone,
    },
    {
      key: "late",
      label: t("dashboard.lateNow"),
      value: fmt(h.lateNow.current),
      detail: t("dashboard.lateNowOf"),
      change: changeText(h.lateNow, "count", fmt(h.lateNow.previous), "period"),
      tone: h.lateNow.tone,
    },
    {
      key: "median",
      label: t("dashboard.median"),
      value: days(h.medianResponseDays.current),
      change: changeText(h.medianResponseDays, "days", days(h.medianResponseDays.previous), "period"),
      tone: h.medianResponseDays.tone,
    },
    {
      key: "penalties",
      label: t("dashboard.penalties", { month: monthOf(p.current.month) }),
      value: fmt(p.count.current),
      detail: t("dashboard.penaltiesDetail", {
        confirmed: p.current.confirmed,
        amount: amount(p.current.confirmedMinor),
        pending: p.current.proposed + p.current.contested,
      }),
      change: changeText(p.count, "count", fmt(p.count.previous), "month"),
      tone: p.count.tone,
    },
  ];
  return (
    <section aria-labelledby="stats-headline" className="stats-section" data-testid="stats-headline">
      <h2 id="stats-headline">{t("dashboard.title")}</h2>
      <p className="hint">
        {t("dashboard.comparedWith", {
          from: dayOf(period.fromDay),
          to: dayOf(period.toDay),
          days: daysIn(period.fromDay, period.toDay),
          prevFrom: dayOf(dashboard.previous.fromDay),
          prevTo: dayOf(dashboard.previous.toDay),
        })}
      </p>
      <dl className="kpis">
        {figures.map((f) => (
          <div key={f.key} className="kpi" data-testid={`kpi-${f.key}`}>
            <dt className="kpi__label">{f.label}</dt>
            <dd className="kpi__value">{f.value}</dd>
            {"detail" in f && f.detail && <dd className="kpi__detail">{f.detail}</dd>}
            <dd className={`kpi__change kpi__change--${f.tone}`}>{f.change}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
