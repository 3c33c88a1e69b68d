/**
 * What the report form's server action returns to `useActionState`. On success the action redirects
 * to /report/done/[number], so only the idle and error states come from the server.
 * The error is the one action answer's (lib/actions/server-action): `fieldErrors` maps a field name
 * to message codes (`report.errors.*`) that the form translates; `requestId` comes with an
 * unexpected failure: the reference a citizen gives to the city.
 */
import type { ActionFailure } from "@/lib/actions/server-action";
import type { TypedReportFields } from "@/lib/forms/posted-form";

/**
 * What a form posted without scripts gets back with its refusal, to fill the page rendered again
 * (the scripted form keeps its values in the browser): the fields as typed, and the files already
 * stored with it (their claim tokens, sent again with the next attempt).
 */
export type TypedReport = { fields: TypedReportFields; files: { token: string; name: string }[] };

export type ReportFormState =
  | { status: "idle" }
  /** Kept on the citizen's phone until the network returns (the browser sets this, never the server). */
  | { status: "queued" }
  | (ActionFailure & { typed?: TypedReport });
