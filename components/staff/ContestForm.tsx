"use client";

/** A delegate contests a penalty: its arguments and, if it has them, documents or photos as evidence. */
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { StaffActionState } from "@/app/[locale]/(staff)/staff/reports/state";
import { UploadedFiles, useUploads } from "@/components/report/useUploads";
import { useFormAction } from "@/components/ui/useFormAction";

export function ContestForm({
  penaltyId,
  title,
  action,
}: {
  penaltyId: string;
  title: string;
  action: (s: StaffActionState, f: FormData) => Promise<StaffActionState>;
}) {
  const t = useTranslations("delegatePage");
  const { state, submit, pending, say } = useFormAction(action, { status: "idle" } as StaffActionState);
  const [text, setText] = useState("");
  const uploads = useUploads();
  const errors = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <form
      className="staff-action"
      aria-label={title}
      onSubmit={(event) => {
        if (uploads.uploading) event.preventDefault();
        else submit(event);
      }}
    >
      <h3 className="staff-action__title">{title}</h3>
      <input type="hidden" name="penaltyId" value={penaltyId} />
      <div className="field">
        <label htmlFor={`contest-${penaltyId}`}>{t("contestText")}</label>
        <textarea id={`contest-${penaltyId}`} name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} dir="auto" />
      </div>
      <div className="field">
        <label htmlFor={`evidence-${penaltyId}`}>{t("evidence")}</label>
        <input
          ref={uploads.input}
          id={`evidence-${penaltyId}`}
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,application/pdf"
          onChange={(e) => uploads.add(e.target.files)}
        />
        <UploadedFiles files={uploads.files} say={say} doneLabel={t("uploaded")} />
      </div>
      {state.status === "error" ? (
        <div className="alert alert--error" role="alert">
          {state.code ? <p>{say(state.code, state.requestId)}</p> : null}
          {errors.map((code) => (
            <p key={code}>{say(code)}</p>
          ))}
        </div>
      ) : null}
      <button type="submit" className="button button--secondary" disabled={pending}>
        {t("contest")}
      </button>
    </form>
  );
}
