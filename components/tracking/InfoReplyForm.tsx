"use client";

/** The citizen's reply to the service's question: text and, optionally, photos or documents. */
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { InfoReplyState } from "@/app/[locale]/(public)/track/[number]/actions";
import { UploadedFiles, useUploads } from "@/components/report/useUploads";
import { ActionErrors } from "@/components/ui/ActionErrors";
import { useFormAction } from "@/components/ui/useFormAction";

export function InfoReplyForm({ trackingNumber, action }: { trackingNumber: string; action: (s: InfoReplyState, f: FormData) => Promise<InfoReplyState> }) {
  const t = useTranslations("tracking.reply");
  const { state, submit, pending, say, formAction } = useFormAction(action, { status: "idle" } as InfoReplyState, "tracking.reply.errors.server");
  // A reply posted without scripts and refused comes back, typed, in the page the server renders again.
  const [reply, setReply] = useState(state.typed?.reply ?? "");
  const uploads = useUploads();

  if (state.status === "ok") {
    return (
      <p className="alert alert--success" role="status">
        {t("sent")}
      </p>
    );
  }
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (uploads.uploading) event.preventDefault();
        else submit(event);
      }}
    >
      <input type="hidden" name="trackingNumber" value={trackingNumber} />
      <ActionErrors state={state} say={say} />
      <div className="field">
        <label htmlFor="reply">{t("label")}</label>
        <textarea id="reply" name="reply" rows={4} value={reply} onChange={(e) => setReply(e.target.value)} dir="auto" />
      </div>
      <div className="field">
        {/* The browser's own picker speaks its own language ("Choose Files"): a translated button instead. */}
        <span className="field-label" id="reply-files-label">
          {t("files")}
        </span>
        <label className="button button--secondary" htmlFor="reply-files">
          {t("chooseFiles")}
        </label>
        <input
          ref={uploads.input}
          id="reply-files"
          className="visually-hidden files-input"
          type="file"
          // Posted with the form by a browser without scripts; the script uploads each file as it is chosen instead.
          name="files"
          multiple
          accept="image/jpeg,image/png,image/webp,application/pdf"
          aria-labelledby="reply-files-label"
          onChange={(e) => uploads.add(e.target.files)}
        />
        {uploads.files.length === 0 ? <p className="hint">{t("noFile")}</p> : null}
        <UploadedFiles files={uploads.files} say={say} doneLabel={t("uploaded")} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
