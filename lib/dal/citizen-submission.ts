/**
 * A citizen's report as it arrives from the web form or from a phone's offline queue: the same
 * checks, limits and acknowledgement whichever way it comes. Anyone may file a report, so the only
 * "who asks" here is the client's address and email, counted by the rate limits.
 */
import { admission, limits } from "@/lib/dal/rate-limits";
import { boundsOf, referenceData, requestTypesOf } from "@/lib/dal/reference";
import { submitReport } from "@/lib/dal/reports";
import { reportInputSchema } from "@/lib/domain/report-input";
import { fieldErrorsOf } from "@/lib/forms/form-data";
import { withDistrictCentre } from "@/lib/forms/posted-form";
import type { ActionFailure } from "@/lib/actions/server-action";
import { AppError, isCodeOf } from "@/lib/errors";
import { requestLog } from "@/lib/log";
import type { Locale } from "@/lib/i18n/config";

export type CitizenSubmission =
  | { status: "sent"; trackingNumber: string }
  /** The one action answer's failure (lib/actions/server-action): the web form's action returns it as is. */
  | ActionFailure;

/** Validates, rate-limits and files one citizen report; acknowledges it by mail once created. */
export async function submitCitizenReport(
  raw: Record<string, unknown>,
  context: {
    locale: Locale;
    clientAddress: string;
    requestId: string;
    /** Codes of files posted with the form that could not be stored (a form sent without scripts): the report is refused with them. */
    fileRefusals?: readonly string[];
    /** The same for the files of the request type's file fields, by posted name (`field.proof`). */
    answerFileRefusals?: Readonly<Record<string, readonly string[]>>;
  },
): Promise<CitizenSubmission> {
  try {
    const reference = await referenceData();
    const parsed = reportInputSchema(boundsOf(reference.city), requestTypesOf(reference)).safeParse(withDistrictCentre(raw, reference.districts));
    const fileRefusals = [...new Set(context.fileRefusals ?? [])];
    const answerFileRefusals = Object.entries(context.answerFileRefusals ?? {}).filter(([, codes]) => codes.length > 0);
    if (!parsed.success || fileRefusals.length > 0 || answerFileRefusals.length > 0) {
      const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
      if (fileRefusals.length > 0) fieldErrors.attachmentTokens = [...new Set([...fileRefusals, ...(fieldErrors.attachmentTokens ?? [])])];
      // A file refused is the error of its field, not "the required file is missing".
      for (const [name, codes] of answerFileRefusals) fieldErrors[name] = [...new Set(codes)];
      return { status: "error", fieldErrors };
    }
    // Floods are stopped per address and per email, counted in the statement that files the report
    // (refused: nothing filed). A retry of the same form (same idempotency key) is not counted again:
    // it can only get back the report its first attempt made.
    const counting = admission(
      [
        { key: `report:address:${context.clientAddress}`, policy: limits().reportPerAddress },
        ...(parsed.data.email ? [{ key: `report:email:${parsed.data.email}`, policy: limits().reportPerEmail }] : []),
      ],
      { once: { key: `report:key:${parsed.data.idempotencyKey}` } },
    );
    const submitted = await submitReport(parsed.data, { locale: context.locale, channel: "web", admission: counting });
    return { status: "sent", trackingNumber: submitted.trackingNumber };
  } catch (error) {
    if (error instanceof AppError && isCodeOf(error.code, "report")) return { status: "error", fieldErrors: {}, code: error.code };
    requestLog(context.requestId).error({ err: error }, "report submission failed");
    return { status: "error", fieldErrors: {}, code: "report.errors.server", requestId: context.requestId };
  }
}
