/**
 * What the report form's server action returns to `useActionState`. On success the action redirects
 * to /report/done/[number], so only the idle and error states come from the server.
 * The error is the one action answer's (lib/actions/server-action): `fieldErrors` maps a field name
 * to message codes (`report.errors.*`) that the form translates; `requestId` comes with an
 * unexpected failure: the reference a citizen gives to the city.
 */
import type { ActionFailure } from "@/lib/actions/server-action";

export type ReportFormState =
  | { status: "idle" }
  /** Kept on the citizen's phone until the network returns (the browser sets this, never the server). */
  | { status: "queued" }
  | ActionFailure;
