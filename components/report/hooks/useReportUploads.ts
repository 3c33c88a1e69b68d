"use client";

/**
 * The report form's attachments: checked, uploaded as soon as they are chosen (with progress), and
 * on the public form kept on the phone with their bytes, waiting, while there is no network.
 * (The small forms — a reply, a contest — use the simpler `../useUploads`.)
 *
 * Progress is kept apart from the list: the list changes only when a file is added, removed or
 * changes state, which is when the phone's draft must be saved again.
 */
import { useMemo, useRef, useState } from "react";
import type { StoredFile } from "../offline/types";
import { precheckFile, type UploadItem, uploadFile } from "../uploads";
import type { SetFieldError } from "./useFieldErrors";

export type AttachedFile = Omit<UploadItem, "progress">;

const previewOf = (file: File) => (file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined);

export function useReportUploads({
  offline,
  setFieldError,
  onAccepted,
  sent,
}: {
  offline: boolean;
  setFieldError: SetFieldError;
  onAccepted: (file: File) => void;
  /** Files already stored with a form posted without scripts and refused: listed, and their tokens sent again. */
  sent?: { token: string; name: string }[];
}) {
  const [files, setFiles] = useState<AttachedFile[]>(() => (sent ?? []).map((f) => ({ id: f.token, name: f.name, size: 0, state: "done", token: f.token })));
  const [progress, setProgress] = useState<Record<string, number>>({});
  const input = useRef<HTMLInputElement>(null);
  /** The files as last rendered, for the submission (which reads them after awaiting). */
  const latest = useRef(files);
  latest.current = files;

  const patch = (id: string, change: Partial<AttachedFile>) => setFiles((prev) => prev.map((f) => (f.id === id ? { ...f, ...change } : f)));
  const progressOf = (id: string, fraction: number) => setProgress((prev) => ({ ...prev, [id]: fraction }));

  /** Uploads one file; without network (public form) it waits on the phone instead of failing. */
  const start = (id: string, file: File) => {
    progressOf(id, 0);
    if (offline && !navigator.onLine) return patch(id, { state: "waiting" });
    patch(id, { state: "uploading" });
    uploadFile(file, (fraction) => progressOf(id, fraction))
      .then(({ token }) => {
        progressOf(id, 1);
        patch(id, { state: "done", token });
      })
      .catch((error: Error) => {
        if (offline && !navigator.onLine) progressOf(id, 0);
        patch(id, offline && !navigator.onLine ? { state: "waiting" } : { state: "error", error: error.message });
      });
  };

  const add = (list: FileList | null) => {
    if (!list) return;
    let count = files.filter((f) => f.state !== "error").length;
    let refused: string | null = null;
    for (const file of Array.from(list)) {
      const problem = precheckFile(file, count);
      if (problem) {
        refused = problem;
        if (problem !== "report.errors.files_too_many") {
          setFiles((prev) => [...prev, { id: crypto.randomUUID(), name: file.name, size: file.size, state: "error", error: problem }]);
        }
        continue;
      }
      count++;
      const id = crypto.randomUUID();
      setFiles((prev) => [...prev, { id, name: file.name, size: file.size, state: "uploading", previewUrl: previewOf(file), file }]);
      onAccepted(file);
      start(id, file);
    }
    setFieldError("attachmentTokens", refused === "report.errors.files_too_many" ? refused : null);
    if (input.current) input.current.value = "";
  };

  const remove = (id: string) => {
    setFiles((prev) => {
      const gone = prev.find((f) => f.id === id);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return prev.filter((f) => f.id !== id);
    });
    setFieldError("attachmentTokens", null);
  };

  /** Puts back the files of a draft or a handed-back report; their tokens may have been swept by the server meanwhile: upload again. */
  const restore = (stored: StoredFile[]) => {
    const items: AttachedFile[] = stored.map((s) => {
      const file = new File([s.blob], s.name, { type: s.type });
      return { id: s.id, name: s.name, size: file.size, state: "waiting", file, previewUrl: previewOf(file) };
    });
    setFiles(items);
    for (const item of items) start(item.id, item.file!);
  };

  const forgetAll = () => {
    for (const f of files) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
    setFiles([]);
  };

  /** Back online: send the files that waited. */
  const sendWaiting = () => {
    for (const f of files) if (f.state === "waiting" && f.file) start(f.id, f.file);
  };

  /** What the phone keeps of the files: those uploaded or waiting, with their bytes. */
  const stored = useMemo(
    (): StoredFile[] =>
      files.flatMap((f) =>
        f.file && (f.state === "done" || f.state === "waiting") ? [{ id: f.id, name: f.name, type: f.file.type, blob: f.file, token: f.token }] : [],
      ),
    [files],
  );

  return {
    files,
    progress,
    input,
    stored,
    uploading: files.some((f) => f.state === "uploading"),
    waitingNow: () => latest.current.some((f) => f.state === "waiting"),
    add,
    remove,
    restore,
    forgetAll,
    sendWaiting,
  };
}
