"use client";

/** The ledger's lines, with boxes to confirm several penalties at once and a waive form per line. */
import { useState } from "react";
import { useTranslations } from "next-intl";
import { decidePenaltiesAction } from "@/app/[locale]/(staff)/staff/penalties/actions";
import { Link } from "@/lib/i18n/navigation";
import { ActionForm } from "./ActionForm";
import type { PenaltyState } from "@/db/schema";

export type LedgerRow = {
  id: string;
  reportId: string;
  /** The tracking number, or the public number for a delegate. */
  reference: string;
  delegate: string;
  amount: string;
  currency: string;
  state: string;
  proposedOn: string;
  contestDeadline: string;
  contestText: string | null;
  evidence: { id: string; name: string }[];
  decision: string | null;
};

export function PenaltyLedger({ rows, canDecide }: { rows: LedgerRow[]; canDecide: boolean }) {
  const t = useTranslations("penalties");
  const [ticked, setTicked] = useState<string[]>([]);
  const open = (state: string) => state === "proposed" || state === "contested";
  return (
    <>
      {canDecide && ticked.length > 0 ? (
        <ActionForm
          action={decidePenaltiesAction}
          submitLabel={t("confirmSelected", { count: ticked.length })}
          hidden={{ penaltyIds: ticked, decision: "confirm" }}
        />
      ) : null}
      <div className="table-scroll" tabIndex={0}>
        <table className="desk-table">
          <caption className="visually-hidden">{t("linesTitle")}</caption>
          <thead>
            <tr>
              {canDecide ? <th scope="col">{t("select")}</th> : null}
              <th scope="col">{t("fields.report")}</th>
              <th scope="col">{t("fields.delegate")}</th>
              <th scope="col">{t("fields.amount")}</th>
              <th scope="col">{t("fields.state")}</th>
              <th scope="col">{t("fields.proposed")}</th>
              <th scope="col">{t("fields.details")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                {canDecide ? (
                  <td>
                    {open(r.state) ? (
                      <input
                        type="checkbox"
                        aria-label={t("tick", { number: r.reference })}
                        checked={ticked.includes(r.id)}
                        onChange={(e) => setTicked((prev) => (e.target.checked ? [...prev, r.id] : prev.filter((x) => x !== r.id)))}
                      />
                    ) : null}
                  </td>
                ) : null}
                <td>
                  <Link href={`/staff/reports/${r.reportId}`}>{r.reference}</Link>
                </td>
                <td>{r.delegate}</td>
                <td>
                  {r.amount} {r.currency}
                </td>
                <td>
                  <span className={`penalty-state penalty-state--${r.state}`}>{t(`states.${r.state as PenaltyState}`)}</span>
                </td>
                <td>{r.proposedOn}</td>
                <td>
                  {r.contestText ? (
                    <p className="internal-note" dir="auto">
                      {t("contested")} {r.contestText}
                    </p>
                  ) : null}
                  {r.evidence.map((f) => (
                    <a key={f.id} href={`/api/staff/files/${f.id}`} className="inline-link" target="_blank" rel="noopener">
                      {f.name}
                    </a>
                  ))}
                  {r.decision ? <p className="hint">{r.decision}</p> : null}
                  {canDecide && open(r.state) ? (
                    <details>
                      <summary>{t("waive")}</summary>
                      <ActionForm action={decidePenaltiesAction} submitLabel={t("waive")} hidden={{ penaltyIds: r.id, decision: "waive" }} variant="secondary">
                        <div className="field">
                          <label htmlFor={`waive-${r.id}`}>{t("fields.reason")}</label>
                          <textarea id={`waive-${r.id}`} name="reason" rows={2} />
                        </div>
                      </ActionForm>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
