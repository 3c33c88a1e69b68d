"use client";

/** A delegate contests a penalty: its arguments and, if it has them, documents or photos as evidence. */
import { useActionState, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { StaffActionState } from "@/app/[locale]/(staff)/staff/reports/state";
import { precheckFile, uploadFile, type UploadItem } from "@/components/report/uploads";

export function ContestForm({ penaltyId, title, action }: { penaltyId: string; title: string; action: (s: StaffActionState, f: FormData) => Promise<StaffActionState> }) {
  const t = useTranslations("delegatePage");
  const tAll = useTranslations();
  const say = (code: string) => (tAll.has(code) ? tAll(code) : tAll("staff.errors.server"));
  const [state, formAction] = useActionState(action, { status: "idle" } as StaffActionState);
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState("");
  const [files, setFiles] = useState<UploadItem[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const add = (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      const id = crypto.randomUUID();
      const problem = precheckFile(file, files.filter((f) => f.state !== "error").length);
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
  const errors = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <form
      className="staff-action"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        if (files.some((f) => f.state === "uploading")) return;
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <h3 className="staff-action__title">{title}</h3>
      <input type="hidden" name="penaltyId" value={penaltyId} />
      {files.map((f) => (f.token ? <input key={f.id} type="hidden" name="attachmentTokens" value={f.token} /> : null))}
      <div className="field">
        <label htmlFor={`contest-${penaltyId}`}>{t("contestText")}</label>
        <textarea id={`contest-${penaltyId}`} name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} dir="auto" />
      </div>
      <div className="field">
        <label htmlFor={`evidence-${penaltyId}`}>{t("evidence")}</label>
        <input ref={input} id={`evidence-${penaltyId}`} type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" onChange={(e) => add(e.target.files)} />
        <ul className="plain-list">
          {files.map((f) => (
            <li key={f.id}>
              {f.name} — {f.state === "uploading" ? <progress max={1} value={f.progress} /> : f.state === "done" ? t("uploaded") : <span className="field-error">{say(f.error ?? "report.errors.upload_failed")}</span>}
            </li>
          ))}
        </ul>
      </div>
      {state.status === "error" ? (
        <div className="alert alert--error" role="alert">
          {state.code ? <p>{say(state.code)}</p> : null}
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
