"use client";

/**
 * A delegate's account of the facts on a report about its service: what happened, the day the work
 * was done, and photos or documents as evidence. The city's agent or coordinator then decides.
 */
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { StaffActionState } from "@/app/[locale]/(staff)/staff/reports/state";
import { UploadedFiles, useUploads } from "@/components/report/useUploads";
import { useFormAction } from "@/components/ui/useFormAction";
import { ActionResult } from "./ActionResult";

export function AccountForm({ reportId, action }: { reportId: string; action: (s: StaffActionState, f: FormData) => Promise<StaffActionState> }) {
  const t = useTranslations("staff.account");
  const { state, submit, pending, say } = useFormAction(action, { status: "idle" } as StaffActionState);
  const [text, setText] = useState("");
  const [doneOn, setDoneOn] = useState("");
  const uploads = useUploads();
  return (
    <form
      className="staff-action"
      aria-label={t("title")}
      onSubmit={(event) => {
        if (uploads.uploading) event.preventDefault();
        else submit(event);
      }}
    >
      <h3 className="staff-action__title">{t("title")}</h3>
      <p className="hint">{t("intro")}</p>
      <input type="hidden" name="reportId" value={reportId} />
      <div className="field">
        <label htmlFor={`account-${reportId}`}>{t("text")}</label>
        <textarea id={`account-${reportId}`} name="account" rows={4} value={text} onChange={(e) => setText(e.target.value)} dir="auto" />
      </div>
      <div className="field">
        <label htmlFor={`done-on-${reportId}`}>{t("doneOn")}</label>
        <input id={`done-on-${reportId}`} name="doneOn" type="date" value={doneOn} onChange={(e) => setDoneOn(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`account-files-${reportId}`}>{t("evidence")}</label>
        <input
          ref={uploads.input}
          id={`account-files-${reportId}`}
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,application/pdf"
          onChange={(e) => uploads.add(e.target.files)}
        />
        <UploadedFiles files={uploads.files} say={say} doneLabel={t("uploaded")} />
      </div>
      <ActionResult state={state} say={say} />
      <button type="submit" className="button" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
