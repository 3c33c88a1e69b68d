/** What the phone keeps of a report while it is being written or waiting for the network. */
import type { TypedReportFields } from "@/lib/forms/posted-form";

/** A file chosen in the form: its bytes, and the upload's claim token once the server has it. */
export type StoredFile = { id: string; name: string; type: string; blob: Blob; token?: string };

/** The form's fields, as typed (a draft may be incomplete): the same shape a form posted without scripts gives back. */
export type DraftFields = TypedReportFields;

/** The report being written on this phone, saved as the citizen types. */
export type ReportDraft = { idempotencyKey: string; fields: DraftFields; files: StoredFile[]; savedAt: number };

/** A complete report that could not be sent for lack of network: sent once the network returns. */
export type QueuedReport = { idempotencyKey: string; locale: string; fields: DraftFields; files: StoredFile[]; queuedAt: number };
