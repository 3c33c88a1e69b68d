"use client";

/** Files attached to a small form (a reply, a contest): checked, uploaded with progress, listed. */
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { precheckFile, uploadFile, type UploadItem } from "./uploads";

export function useUploads() {
  const [files, setFiles] = useState<UploadItem[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const update = (id: string, change: Partial<UploadItem>) => setFiles((prev) => prev.map((f) => (f.id === id ? { ...f, ...change } : f)));
  const add = (list: FileList | null) => {
    let count = files.filter((f) => f.state !== "error").length;
    for (const file of Array.from(list ?? [])) {
      const id = crypto.randomUUID();
      const problem = precheckFile(file, count);
      if (problem) {
        setFiles((prev) => [...prev, { id, name: file.name, size: file.size, progress: 0, state: "error", error: problem }]);
        continue;
      }
      count++;
      setFiles((prev) => [...prev, { id, name: file.name, size: file.size, progress: 0, state: "uploading" }]);
      uploadFile(file, (progress) => update(id, { progress }))
        .then(({ token }) => update(id, { state: "done", token, progress: 1 }))
        .catch((e: Error) => update(id, { state: "error", error: e.message }));
    }
    if (input.current) input.current.value = "";
  };
  return { files, add, input, uploading: files.some((f) => f.state === "uploading") };
}

/** The hidden tokens a form sends, and the list of files with their progress or error. */
export function UploadedFiles({ files, say, doneLabel }: { files: UploadItem[]; say: (code: string) => string; doneLabel: string }) {
  const t = useTranslations("report.files");
  return (
    <>
      {files.map((f) => (f.state === "done" && f.token ? <input key={f.id} type="hidden" name="attachmentTokens" value={f.token} /> : null))}
      <ul className="plain-list">
        {files.map((f) => (
          <li key={f.id}>
            {f.name} —{" "}
            {f.state === "uploading" ? (
              <progress max={1} value={f.progress} aria-label={t("progress", { name: f.name })} />
            ) : f.state === "done" ? (
              doneLabel
            ) : (
              <span className="field-error">{say(f.error ?? "report.errors.upload_failed")}</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
