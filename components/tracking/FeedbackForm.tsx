"use client";

/** "Je donne mon avis": is the problem fixed, a 1–5 rating, a comment. */
import { useState } from "react";
import { ActionErrors } from "@/components/ui/ActionErrors";
import { useFormAction } from "@/components/ui/useFormAction";
import { useTranslations } from "next-intl";
import type { InfoReplyState } from "@/app/[locale]/(public)/track/[number]/actions";

export function FeedbackForm({ trackingNumber, action }: { trackingNumber: string; action: (s: InfoReplyState, f: FormData) => Promise<InfoReplyState> }) {
  const t = useTranslations("tracking.feedback");
  const { state, submit, pending, say, formAction } = useFormAction(action, { status: "idle" } as InfoReplyState, "tracking.reply.errors.server");
  // A feedback posted without scripts and refused comes back, typed, in the page the server renders again.
  const [fixed, setFixed] = useState(state.typed?.fixed ?? "");
  const [rating, setRating] = useState(state.typed?.rating ?? "");
  const [comment, setComment] = useState(state.typed?.comment ?? "");
  return (
    <form aria-label={t("title")} action={formAction} onSubmit={submit}>
      <input type="hidden" name="trackingNumber" value={trackingNumber} />
      <ActionErrors state={state} say={say} />
      <fieldset className="field">
        <legend>{t("fixed")}</legend>
        <label className="inline-choice">
          <input type="radio" name="fixed" value="yes" checked={fixed === "yes"} onChange={() => setFixed("yes")} />
          {t("yes")}
        </label>
        <label className="inline-choice">
          <input type="radio" name="fixed" value="no" checked={fixed === "no"} onChange={() => setFixed("no")} />
          {t("no")}
        </label>
      </fieldset>
      {fixed === "no" ? <p className="hint">{t("noMeans")}</p> : null}
      <fieldset className="field">
        <legend>{t("rating")}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="inline-choice">
            <input type="radio" name="rating" value={n} checked={rating === String(n)} onChange={() => setRating(String(n))} />
            {t("stars", { count: n })}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="feedback-comment">{t("comment")}</label>
        <textarea id="feedback-comment" name="comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} dir="auto" />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
