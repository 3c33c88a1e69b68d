"use client";

/**
 * The signed answer: an outcome, a text (from a template, then adapted), and for a reorientation
 * the administration to contact. A template never silently replaces what the agent typed (they
 * choose: replace, add after, keep), and its blanks ("[date]") are listed until filled; the server
 * refuses an answer that still holds one.
 */
import { useState } from "react";
import { unfilledPlaceholders } from "@/lib/domain/placeholders";
import { useFormAction } from "@/components/ui/useFormAction";
import { useTranslations } from "next-intl";
import type { StaffActionState } from "@/app/[locale]/(staff)/staff/reports/state";

type Template = { id: number; outcome: "upheld" | "rejected" | "reoriented"; title: string; body: string; category: string };

export function AnswerForm({
  action,
  reportId,
  templates,
  signature,
}: {
  action: (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;
  reportId: string;
  templates: Template[];
  signature: string;
}) {
  const t = useTranslations("staff.answer");
  const tAll = useTranslations();
  const { state, submit, pending, say } = useFormAction(action, { status: "idle" } as StaffActionState);
  const [outcome, setOutcome] = useState<"" | Template["outcome"]>("");
  const [answer, setAnswer] = useState("");
  const [reorientedTo, setReorientedTo] = useState("");
  /** A template chosen while the agent had already typed: waiting for their choice. */
  const [pendingTemplate, setPendingTemplate] = useState<Template | null>(null);
  const [templateId, setTemplateId] = useState("");
  const blanks = unfilledPlaceholders(answer);
  const applyTemplate = (chosen: Template, how: "replace" | "append") => {
    setAnswer((typed) => (how === "replace" || typed.trim() === "" ? chosen.body : `${typed.trimEnd()}\n\n${chosen.body}`));
    setOutcome(chosen.outcome);
    setPendingTemplate(null);
  };
  const errors = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <form className="staff-action" aria-label={t("title")} onSubmit={submit}>
      <h3 className="staff-action__title">{t("title")}</h3>
      <input type="hidden" name="reportId" value={reportId} />
      <fieldset className="field">
        <legend>{t("outcome")}</legend>
        {(["upheld", "rejected", "reoriented"] as const).map((o) => (
          <label key={o} className="inline-choice">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {tAll(`tracking.outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      {templates.length > 0 ? (
        <div className="field">
          <label htmlFor={`template-${reportId}`}>{t("template")}</label>
          <select
            id={`template-${reportId}`}
            value={templateId}
            onChange={(e) => {
              setTemplateId(e.target.value);
              const chosen = templates.find((tpl) => String(tpl.id) === e.target.value);
              if (!chosen) return;
              if (answer.trim() === "" || templates.some((tpl) => tpl.body === answer)) applyTemplate(chosen, "replace");
              else setPendingTemplate(chosen);
            }}
          >
            <option value="">{t("templateNone")}</option>
            {[...new Set(templates.map((tpl) => tpl.category))].map((category) => (
              <optgroup key={category} label={category}>
                {templates
                  .filter((tpl) => tpl.category === category)
                  .map((tpl) => (
                    <option key={tpl.id} value={tpl.id}>
                      {tpl.title}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
      ) : null}
      {pendingTemplate ? (
        <div className="alert alert--warning" role="alert" data-testid="template-conflict">
          <p>{t("templateConflict", { title: pendingTemplate.title })}</p>
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => applyTemplate(pendingTemplate, "replace")}>
              {t("templateReplace")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => applyTemplate(pendingTemplate, "append")}>
              {t("templateAppend")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setPendingTemplate(null);
                setTemplateId("");
              }}
            >
              {t("templateKeep")}
            </button>
          </div>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`answer-${reportId}`}>{t("text")}</label>
        <textarea
          id={`answer-${reportId}`}
          name="answer"
          rows={8}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          dir="auto"
          aria-describedby={blanks.length > 0 ? `answer-blanks-${reportId}` : undefined}
        />
        {blanks.length > 0 ? (
          <p className="field-warning" id={`answer-blanks-${reportId}`} data-testid="answer-blanks">
            {t("blanksLeft", { blanks: blanks.join(" ") })}
          </p>
        ) : null}
      </div>
      {outcome === "reoriented" ? (
        <div className="field">
          <label htmlFor={`reoriented-${reportId}`}>{t("reorientedTo")}</label>
          <input id={`reoriented-${reportId}`} name="reorientedTo" value={reorientedTo} onChange={(e) => setReorientedTo(e.target.value)} />
        </div>
      ) : null}
      <p className="hint">{t("signedAs", { signature })}</p>
      {state.status === "error" ? (
        <div className="alert alert--error" role="alert">
          {state.code ? <p>{say(state.code, state.requestId)}</p> : null}
          {errors.map((code) => (
            <p key={code}>{say(code)}</p>
          ))}
        </div>
      ) : null}
      {state.status === "ok" ? (
        <p className="alert alert--success" role="status">
          {say(state.code ?? "staff.done.answered")}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
