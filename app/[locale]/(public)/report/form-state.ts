/**
 * What the report form's server action returns to `useActionState`. On success the action redirects
 * to /report/done/[number], so only the idle and error states reach the form.
 * `fieldErrors` maps a field name to message codes (`report.errors.*`) that the form translates.
 */
export type ReportFormState =
  | { status: "idle" }
  | { status: "error"; fieldErrors: Record<string, string[]>; code?: string };

export const initialReportFormState: ReportFormState = { status: "idle" };
