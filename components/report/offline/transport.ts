/** The browser's side of the queue: uploads and report posts with fetch (a network loss throws). */
import type { QueueTransport } from "./queue";

export const browserTransport: QueueTransport = {
  async upload(file) {
    const body = new FormData();
    body.append("file", new File([file.blob], file.name, { type: file.type }));
    const response = await fetch("/api/uploads", { method: "POST", body });
    const answer = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
    return response.status === 201 && answer.token ? { ok: true, token: answer.token } : { ok: false, status: response.status, code: answer.error };
  },
  async send(body) {
    const response = await fetch("/api/reports", { method: "POST", body });
    const answer = (await response.json().catch(() => ({}))) as { trackingNumber?: string; code?: string; fieldErrors?: Record<string, string[]> };
    return response.status === 201 && answer.trackingNumber
      ? { ok: true, trackingNumber: answer.trackingNumber }
      : { ok: false, status: response.status, code: answer.code, fieldErrors: answer.fieldErrors };
  },
};

/** True when an error means "no network" rather than an answer from the server. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError || (typeof navigator !== "undefined" && !navigator.onLine);
}
