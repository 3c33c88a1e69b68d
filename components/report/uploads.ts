/**
 * Browser side of attachments: quick checks before sending (count, size, declared type), the
 * upload with progress, and the EXIF GPS of a photo (read locally with exifr, never sent).
 */
import { ALLOWED_MIME_TYPES, REPORT_LIMITS } from "@/lib/domain/report-limits";

export type UploadItem = {
  id: string;
  name: string;
  size: number;
  progress: number;
  /** `waiting`: no network; kept on the phone and sent with the report when the network returns. */
  state: "uploading" | "done" | "error" | "waiting";
  token?: string;
  /** The chosen file itself, kept for the phone's draft and for an upload after a network loss. */
  file?: File;
  error?: string;
  previewUrl?: string;
};

/** A code (`report.errors.*`) when a file cannot be accepted before uploading, else null. */
export function precheckFile(file: File, alreadyAttached: number): string | null {
  if (alreadyAttached >= REPORT_LIMITS.maxFiles) return "report.errors.files_too_many";
  if (file.size === 0) return "report.errors.file_empty";
  if (file.size > REPORT_LIMITS.maxFileBytes) return "report.errors.file_too_large";
  // The browser's type comes from the name: a first filter only; the server reads the bytes.
  if (file.type && !(ALLOWED_MIME_TYPES as readonly string[]).includes(file.type)) return "report.errors.file_type";
  return null;
}

/** Sends one file to /api/uploads with progress; resolves to a claim token or rejects with a code. */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<{ token: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { token?: string; error?: string } | null;
      if (xhr.status === 201 && body?.token) resolve({ token: body.token });
      else reject(new Error(body?.error ?? (xhr.status === 413 ? "report.errors.file_too_large" : "report.errors.upload_failed")));
    };
    xhr.onerror = () => reject(new Error("report.errors.upload_failed"));
    const data = new FormData();
    data.append("file", file);
    xhr.send(data);
  });
}

/** The GPS position recorded in a photo, if any. */
export async function readPhotoLocation(file: File): Promise<{ lat: number; lng: number } | null> {
  if (!file.type.startsWith("image/")) return null;
  try {
    const exifr = (await import("exifr")).default;
    const gps = await exifr.gps(file);
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) return { lat: gps.latitude, lng: gps.longitude };
  } catch {
    // No readable EXIF: nothing to suggest.
  }
  return null;
}
