"use client";

/** Photos and documents: chosen, each shown with its preview and its upload's progress or error. */
import { useTranslations } from "next-intl";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";
import { type FieldErrorView, useSay } from "../hooks/useFieldErrors";
import type { useReportUploads } from "../hooks/useReportUploads";
import styles from "../ReportForm.module.css";

export function FilesFieldset({ uploads, baseId, errors }: { uploads: ReturnType<typeof useReportUploads>; baseId: string; errors: FieldErrorView }) {
  const t = useTranslations("report");
  const say = useSay();
  const { files, progress } = uploads;
  return (
    <fieldset className={styles.section} id="files" aria-describedby={errors.describedBy("attachmentTokens", `${baseId}-files-hint`)}>
      <legend>{t("files.legend")}</legend>
      <p className="hint" id={`${baseId}-files-hint`}>
        {t("files.hint", { max: REPORT_LIMITS.maxFiles, size: REPORT_LIMITS.maxFileBytes / 1024 / 1024 })}
      </p>
      {errors.message("attachmentTokens")}
      <label className="button button--secondary" htmlFor={`${baseId}-file-input`}>
        {t("files.add")}
      </label>
      <input
        ref={uploads.input}
        id={`${baseId}-file-input`}
        className="visually-hidden files-input"
        type="file"
        // Posted with the form by a browser without scripts; the script uploads each file as it is chosen instead.
        name="files"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        multiple
        aria-label={t("files.add")}
        onChange={(e) => uploads.add(e.target.files)}
      />
      {files.length > 0 ? (
        <ul className={styles.files} aria-label={t("files.list")} aria-live="polite">
          {files.map((f) => (
            <li key={f.id} className={styles.file} data-state={f.state}>
              {f.previewUrl ? (
                <img src={f.previewUrl} alt="" className={styles.thumb} />
              ) : (
                <span className={styles.thumb} aria-hidden="true">
                  PDF
                </span>
              )}
              <span className={styles.fileBody}>
                <span className={styles.fileName} dir="auto">
                  {f.name}
                </span>
                {f.state === "uploading" ? (
                  <progress max={1} value={progress[f.id] ?? 0} aria-label={t("files.progress", { name: f.name })} />
                ) : f.state === "done" ? (
                  <span className="hint">{t("files.done")}</span>
                ) : f.state === "waiting" ? (
                  <span className="hint">{t("files.waiting")}</span>
                ) : (
                  <span className="field-error">{say(f.error ?? "report.errors.upload_failed")}</span>
                )}
              </span>
              <button type="button" className="button button--secondary" onClick={() => uploads.remove(f.id)} aria-label={t("files.remove", { name: f.name })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
