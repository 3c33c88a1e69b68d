/**
 * The one shape of a server action: the form's fields read with a named schema
 * (lib/domain/*-input.ts), the data layer called with what it parsed, and one answer for the form
 * (`useActionState`): `ActionState`. A refusal of the schema comes back as field errors, a refusal
 * of the data layer (an `AppError`) as its code, and anything else is logged with the request's id,
 * which the user sees as the reference to give to support. Redirects and revalidation are the
 * action's, after this returns (never inside the try/catch: Next's redirect is a throw).
 */
import type { z } from "zod";
import { type AppError, isAppError, isForbidden, isTranslated } from "@/lib/errors";
import { type FieldErrors, fieldErrorsOf, formDataToObject } from "@/lib/forms/form-data";
import type { MessageKey } from "@/lib/i18n/keys";
import { currentRequest } from "@/lib/request-log";

/** What every server action answers its form. */
export type ActionState = {
  status: "idle" | "ok" | "error";
  /** What was done (`ok`), or why it was not (`error`): a message key the form translates. */
  code?: MessageKey;
  /** The schema's refusals, by field: message codes (zod's own message when a rule names none). */
  fieldErrors?: FieldErrors;
  /** Only with an unexpected failure: the reference a user gives to support. */
  requestId?: string;
  /** Only to a form posted without scripts: what was typed, to fill the page the server renders again. */
  typed?: Record<string, string>;
};

/** The answer of an action that did not happen. */
export type ActionFailure = { status: "error"; code?: MessageKey; fieldErrors: FieldErrors; requestId?: string };

export type ActionOutcome<Input, Result> = { ok: true; input: Input; result: Result } | { ok: false; failure: ActionFailure };

/** A refusal as most forms show it: `forbidden:*` as "you may not", any other translated code as itself. */
export function refusalCode(error: AppError): MessageKey | undefined {
  if (isForbidden(error.code)) return "staff.errors.forbidden";
  return isTranslated(error.code) ? error.code : undefined;
}

export type ActionSpec<S extends z.ZodType, Result> = {
  /** The fields' schema, or how to get it (the report's depends on the city's bounds; a check may come first). */
  schema: S | (() => Promise<S>);
  /** Fields that are always lists (checkbox groups, files). */
  arrayFields?: readonly string[];
  /** The data layer's call, with the parsed input; it checks who asks and throws `AppError` to refuse. */
  run: (input: z.output<S>) => Promise<Result>;
  /** What the user is told of a refusal; `undefined`: not one this form expects, handled as a failure. Default: `refusalCode`. */
  refusal?: (error: AppError) => MessageKey | undefined;
  /** What the user is told of an unexpected failure (with the request's reference). */
  failure: MessageKey;
  /** The log line of an unexpected failure ("intake failed"). */
  what: string;
};

/** Parses the form with the schema, runs the call, and turns every way it can fail into an `ActionFailure`. */
export async function runServerAction<S extends z.ZodType, Result>(
  formData: FormData,
  spec: ActionSpec<S, Result>,
): Promise<ActionOutcome<z.output<S>, Result>> {
  try {
    const schema = typeof spec.schema === "function" ? await spec.schema() : spec.schema;
    const parsed = schema.safeParse(formDataToObject(formData, spec.arrayFields ?? []));
    if (!parsed.success) return { ok: false, failure: { status: "error", fieldErrors: fieldErrorsOf(parsed.error) } };
    return { ok: true, input: parsed.data, result: await spec.run(parsed.data) };
  } catch (error) {
    const code = isAppError(error) ? (spec.refusal ?? refusalCode)(error) : undefined;
    if (code) return { ok: false, failure: { status: "error", code, fieldErrors: {} } };
    const { requestId, log } = await currentRequest();
    log.error({ err: error }, spec.what);
    return { ok: false, failure: { status: "error", code: spec.failure, fieldErrors: {}, requestId } };
  }
}
