/**
 * What the report form's server action returns to `useActionState`. On success the action redirects
 * to /report/done/[number], so only the idle and error states come from the server.
 * `fieldErrors` maps a field name to message codes (`report.errors.*`) that the form translates.
 */
export type ReportFormState =
  | { status: "idle" }
  /** Kept on the citizen's phone until the network returns (the browser sets this, never the server). */
  | { status: "queued" }
  /** `requestId` comes with an unexpected failure: the reference a citizen gives to the city. */
  | { status: "error"; fieldErrors: Record<string, string[]>; code?: string; requestId?: string };
