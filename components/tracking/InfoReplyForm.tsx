"use client";

/** The citizen's reply to the service's question: text and, optionally, photos or documents. */
import { useActionState, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { InfoReplyState } from "@/app/[locale]/(public)/track/[number]/actions";
import { precheckFile, uploadFile, type UploadItem } from "@/components/report/uploads";

export function InfoReplyForm({ trackingNumber, action }: { trackingNumber: string; action: (s: InfoReplyState, f: FormData) => Promise<InfoReplyState> }) {
  const t = useTranslations("tracking.reply");
  const tAll = useTranslations();
  const [state, formAction] = useActionState(action, { status: "idle" } as InfoReplyState);
  const [pending, startTransition] = useTransition();
  const [reply, setReply] = useState("");
  const [files, setFiles] = useState<UploadItem[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const say = (code: string) => (tAll.has(code) ? tAll(code) : tAll("tracking.reply.errors.server"));

  const add = (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      const problem = precheckFile(file, files.length);
      const id = crypto.randomUUID();
      if (problem) {
        setFiles((prev) => [...prev, { id, name: file.name, size: file.size, progress: 0, state: "error", error: problem }]);
        continue;
      }
      setFiles((prev) => [...prev, { id, name: file.name, size: file.size, progress: 0, state: "uploading" }]);
      uploadFile(file, (p) => setFiles((prev) => prev.map((f) => (f.id === id ? { ...f, progress: p } : f))))
        .then(({ token }) => setFiles((prev) => prev.map((f) => (f.id === id ? { ...f, state: "done", token, progress: 1 } : f))))
        .catch((e: Error) => setFiles((prev) => prev.map((f) => (f.id === id ? { ...f, state: "error", error: e.message } : f))));
    }
    if (input.current) input.current.value = "";
  };

  if (state.status === "ok") {
    return (
      <p className="alert alert--success" role="status">
        {t("sent")}
      </p>
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (files.some((f) => f.state === "uploading")) return;
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="trackingNumber" value={trackingNumber} />
      {files.map((f) => (f.token ? <input key={f.id} type="hidden" name="attachmentTokens" value={f.token} /> : null))}
      {state.status === "error" && state.code ? (
        <p className="alert alert--error" role="alert">
          {say(state.code)}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="reply">{t("label")}</label>
        <textarea id="reply" name="reply" rows={4} value={reply} onChange={(e) => setReply(e.target.value)} dir="auto" />
      </div>
      <div className="field">
        <label htmlFor="reply-files">{t("files")}</label>
        <input ref={input} id="reply-files" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" onChange={(e) => add(e.target.files)} />
        <ul className="plain-list">
          {files.map((f) => (
            <li key={f.id}>
              {f.name} — {f.state === "uploading" ? <progress max={1} value={f.progress} /> : f.state === "done" ? t("uploaded") : <span className="field-error">{say(f.error ?? "report.errors.upload_failed")}</span>}
            </li>
          ))}
        </ul>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
