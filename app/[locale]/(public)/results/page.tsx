import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { BarChart } from "@/components/charts/BarChart";
import { getCity } from "@/lib/dal/reference";
import { getPublishedResults } from "@/lib/dal/results";
import { formatMinor } from "@/lib/domain/penalties";
import { publishedRating } from "@/lib/domain/ratings";
import type { Locale } from "@/lib/i18n/config";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "results" });
  return { title: t("title") };
}

const pct = (v: number | null) => (v === null ? "—" : `${v}\u00a0%`);
const num = (v: number | null) => (v === null ? "—" : String(v));

/** Each service's published results over the last 12 months: the city's proof that it answers. */
export default async function ResultsPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "results" });
  const [results, city] = await Promise.all([getPublishedResults(locale), getCity()]);
  const rating = (m: { ratings: number; averageRating: number | null }) => {
    const { average, reviews } = publishedRating(m);
    return average === null ? t("reviewsOnly", { count: reviews }) : t("ratingWithReviews", { rating: average, count: reviews });
  };
  return (
    <div className="container container--wide">
      <h1>{t("title")}</h1>
      <p>{t("intro", { from: results.from, to: results.to })}</p>
      <BarChart
        data={results.services.map((s) => ({ label: s.name, rate: s.total.answeredOnTimeRate }))}
        series={[{ key: "rate", label: t("columns.onTime"), color: "#067647" }]}
        unit=" %"
      />
      <div className="table-scroll" tabIndex={0}>
        <table className="desk-table" data-testid="results-summary">
          <caption>{t("summaryCaption", { from: results.from, to: results.to })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.service")}</th>
              <th scope="col">{t("columns.received")}</th>
              <th scope="col">{t("columns.onTime")}</th>
              <th scope="col">{t("columns.median")}</th>
              <th scope="col">{t("columns.rating")}</th>
              <th scope="col">{t("columns.penalties")}</th>
            </tr>
          </thead>
          <tbody>
            {results.services.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  {s.delegate ? <span className="hint"> — {t("delegatedTo", { delegate: s.delegate })}</span> : null}
                </th>
                <td className="num">{s.total.received}</td>
                <td className="num">{pct(s.total.answeredOnTimeRate)}</td>
                <td className="num">{num(s.total.medianResponseDays)}</td>
                <td>{rating(s.total)}</td>
                <td className="num">
                  {s.delegate ? (
                    <>
                      {s.total.penalties.confirmedCount}{" "}
                      <span className="num">
                        ({formatMinor(s.total.penalties.confirmedMinor)}&nbsp;{city.currency})
                      </span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("byMonth")}</h2>
      {results.services.map((s) => (
        <details key={s.id} className="admin-item">
          <summary>{s.name}</summary>
          <div className="table-scroll" tabIndex={0}>
            <table className="desk-table">
              <caption className="visually-hidden">{t("monthCaption", { service: s.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("columns.month")}</th>
                  <th scope="col">{t("columns.received")}</th>
                  <th scope="col">{t("columns.onTime")}</th>
                  <th scope="col">{t("columns.median")}</th>
                  <th scope="col">{t("columns.rating")}</th>
                  <th scope="col">{t("columns.penalties")}</th>
                </tr>
              </thead>
              <tbody>
                {s.months.map(({ month, metrics }) => (
                  <tr key={month}>
                    <th scope="row" className="num">
                      {month}
                    </th>
                    <td className="num">{metrics.received}</td>
                    <td className="num">{pct(metrics.answeredOnTimeRate)}</td>
                    <td className="num">{num(metrics.medianResponseDays)}</td>
                    <td>{rating(metrics)}</td>
                    <td className="num">{s.delegate ? metrics.penalties.confirmedCount : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
      <p className="hint">{t("method")}</p>
    </div>
  );
}
