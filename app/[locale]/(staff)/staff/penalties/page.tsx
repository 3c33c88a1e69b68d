import { reportReference } from "@/lib/domain/report-reference";
import type { Metadata } from "next";
import { Forbidden } from "@/components/staff/Forbidden";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { PenaltyLedger } from "@/components/staff/PenaltyLedger";
import type { PenaltyState } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { listDelegates, listPenalties, type PenaltyFilters } from "@/lib/dal/penalties";
import { getCity } from "@/lib/dal/reference";
import { localDateOf } from "@/lib/domain/deadlines";
import { formatMinor, summarizeLedger } from "@/lib/domain/penalties";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "penalties" });
  return { title: t("title"), robots: { index: false } };
}

const STATES = ["proposed", "contested", "confirmed", "waived", "cancelled"] as const;

/** The mayor's office's ledger of penalties, per delegate and month, with decisions and CSV export. */
export default async function PenaltiesPage({
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
  const t = await getTranslations({ locale, namespace: "penalties" });
  const ts = await getTranslations({ locale, namespace: "staff" });
  const format = await getFormatter({ locale });
  if (!can(viewer, "penalties")) {
    return <Forbidden />;
  }
  const search = await searchParams;
  const filters: PenaltyFilters = {
    delegateId: /^\d+$/.test(search.delegate ?? "") ? Number(search.delegate) : undefined,
    month: /^\d{4}-\d{2}$/.test(search.month ?? "") ? search.month : undefined,
    states: STATES.includes(search.state as PenaltyState) ? [search.state as PenaltyState] : undefined,
  };
  const [rows, delegateList, city] = await Promise.all([listPenalties(viewer, filters), listDelegates(viewer), getCity()]);
  const groups = summarizeLedger(rows.map((r) => ({ ...r, month: localDateOf(r.proposedAt, city.timeZone).slice(0, 7) })));
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: city.timeZone });
  const query = new URLSearchParams(
    Object.entries({ delegate: search.delegate, month: search.month, state: search.state }).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return (
    <div className="container container--wide">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <form method="get" className="filters card" aria-label={ts("filters.label")}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="p-delegate">{t("fields.delegate")}</label>
            <select id="p-delegate" name="delegate" defaultValue={search.delegate ?? ""}>
              <option value="">{ts("filters.all")}</option>
              {delegateList.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="p-month">{t("fields.month")}</label>
            <input id="p-month" type="month" name="month" defaultValue={search.month ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="p-state">{t("fields.state")}</label>
            <select id="p-state" name="state" defaultValue={search.state ?? ""}>
              <option value="">{ts("filters.all")}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`states.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {ts("filters.apply")}
          </button>
          <a className="button button--secondary" href={`/api/staff/penalties/export${query ? `?${query}` : ""}`} download>
            {t("export")}
          </a>
        </div>
      </form>

      <h2>{t("summaryTitle")}</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="desk-table" data-testid="ledger-summary">
          <caption className="visually-hidden">{t("summaryTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.delegate")}</th>
              <th scope="col">{t("fields.month")}</th>
              {STATES.map((s) => (
                <th scope="col" key={s}>
                  {t(`states.${s}`)}
                </th>
              ))}
              <th scope="col">{t("fields.due")}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={`${g.delegateId}-${g.month}-${g.currency}`}>
                <td>{g.delegate}</td>
                <td>{g.month}</td>
                {STATES.map((s) => (
                  <td key={s}>
                    {g.count[s]} <span className="hint">({formatMinor(g.totalMinor[s])})</span>
                  </td>
                ))}
                <td>
                  <strong>
                    {formatMinor(g.dueMinor)} {g.currency}
                  </strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("linesTitle")}</h2>
      <PenaltyLedger
        canDecide={viewer.role === "mayor_office"}
        rows={rows.map((r) => ({
          id: r.id,
          reportId: r.reportId,
          reference: reportReference(r),
          delegate: r.delegate,
          amount: formatMinor(r.amountMinor),
          currency: r.currency,
          state: r.state,
          proposedOn: date(r.proposedAt),
          contestDeadline: date(r.contestDeadline),
          contestText: r.contestText,
          evidence: r.evidence,
          decision: r.decidedAt
            ? t("decidedBy", { name: r.decidedBy ?? "—", date: date(r.decidedAt) }) + (r.decisionReason ? ` — ${r.decisionReason}` : "")
            : null,
        }))}
      />
    </div>
  );
}
