/**
 * Sends the reports a phone queued while offline, each exactly once. The storage and the network
 * come in as parameters, so the rules are tested without a browser:
 * - files are uploaded first and their claim tokens saved before the report is posted, so a retry
 *   after a lost answer posts the same body with the same idempotency key (the server then answers
 *   the report it already made instead of a second one);
 * - a network failure stops the round and keeps everything for the next one;
 * - a refusal that waiting may cure (429, 5xx) keeps the report; any other refusal takes it out of
 *   the queue and hands it back to the citizen with the reason.
 */
import { answersAsPosted } from "@/lib/forms/posted-form";
import type { DraftFields, QueuedReport, StoredFile } from "./types";

export interface QueueStore {
  list(): Promise<QueuedReport[]>;
  put(report: QueuedReport): Promise<void>;
  remove(idempotencyKey: string): Promise<void>;
}

/** What the server answered; a network failure is thrown instead (fetch's TypeError). */
export type ServerAnswer = { ok: true; trackingNumber: string } | { ok: false; status: number; code?: string; fieldErrors?: Record<string, string[]> };
export type UploadAnswer = { ok: true; token: string } | { ok: false; status: number; code?: string };

export interface QueueTransport {
  upload(file: StoredFile): Promise<UploadAnswer>;
  send(body: FormData): Promise<ServerAnswer>;
}

export type FlushOutcome =
  | { idempotencyKey: string; result: "sent"; trackingNumber: string }
  | { idempotencyKey: string; result: "refused"; report: QueuedReport; code: string; fieldErrors: Record<string, string[]> }
  | { idempotencyKey: string; result: "waiting" };

const retryable = (status: number) => status === 429 || status >= 500;

/** The multipart body of a queued report, the same fields as the web form. */
export function queuedReportBody(report: QueuedReport): FormData {
  const body = new FormData();
  const f: DraftFields = report.fields;
  body.set("idempotencyKey", report.idempotencyKey);
  body.set("locale", report.locale);
  for (const id of f.categoryIds) body.append("categoryIds", String(id));
  body.set("lat", f.point ? f.point.lat.toFixed(6) : "");
  body.set("lng", f.point ? f.point.lng.toFixed(6) : "");
  body.set("districtId", f.districtId);
  body.set("address", f.address);
  body.set("description", f.description);
  if (f.anonymous) body.set("anonymous", "on");
  body.set("name", f.name);
  body.set("email", f.email);
  body.set("phone", f.phone);
  for (const file of report.files) if (file.token) body.append("attachmentTokens", file.token);
  // A draft kept before request types had fields of their own has no answers.
  for (const [name, value] of answersAsPosted(f.answers ?? {})) body.append(name, value);
  return body;
}

/** One round over the queue, oldest first. Throws nothing: a lost network ends the round. */
export async function flushQueue(store: QueueStore, transport: QueueTransport): Promise<FlushOutcome[]> {
  const outcomes: FlushOutcome[] = [];
  const queued = (await store.list()).sort((a, b) => a.queuedAt - b.queuedAt);
  next: for (const original of queued) {
    let report = original;
    try {
      for (const file of report.files) {
        if (file.token) continue;
        const answer = await transport.upload(file);
        if (!answer.ok) {
          if (retryable(answer.status)) throw new WaitError();
          outcomes.push(await refuse(store, report, answer.code ?? "report.errors.upload_failed", {}));
          continue next;
        }
        report = { ...report, files: report.files.map((f) => (f.id === file.id ? { ...f, token: answer.token } : f)) };
        await store.put(report);
      }
      const answer = await transport.send(queuedReportBody(report));
      if (answer.ok) {
        await store.remove(report.idempotencyKey);
        outcomes.push({ idempotencyKey: report.idempotencyKey, result: "sent", trackingNumber: answer.trackingNumber });
      } else if (retryable(answer.status)) {
        throw new WaitError();
      } else {
        outcomes.push(await refuse(store, report, answer.code ?? "report.errors.rejected", answer.fieldErrors ?? {}));
      }
    } catch {
      // No network, or the server asks to wait: this report and the later ones stay queued.
      const rest = queued.slice(queued.indexOf(original));
      return [...outcomes, ...rest.map((r) => ({ idempotencyKey: r.idempotencyKey, result: "waiting" as const }))];
    }
  }
  return outcomes;
}

class WaitError extends Error {}

async function refuse(store: QueueStore, report: QueuedReport, code: string, fieldErrors: Record<string, string[]>): Promise<FlushOutcome> {
  await store.remove(report.idempotencyKey);
  return { idempotencyKey: report.idempotencyKey, result: "refused", report, code, fieldErrors };
}
