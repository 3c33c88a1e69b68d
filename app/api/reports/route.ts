/**
 * POST a citizen report as multipart/form-data, with the same fields as the web form (the phone's
 * offline queue sends here when the network returns). 201 `{ trackingNumber }`; 400, 413 (a body over BODY_LIMITS.report) or 429
 * `{ fieldErrors, code }` with codes the form translates. The idempotency key makes a retry safe.
 */
import { clientAddress } from "@/lib/auth/address";
import { submitCitizenReport } from "@/lib/dal/citizen-submission";
import { formDataToObject, REPORT_ARRAY_FIELDS } from "@/lib/forms/form-data";
import { BODY_LIMITS, readForm } from "@/lib/http/body";
import { isLocale } from "@/lib/i18n/config";
import { requestIdOf } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const requestId = requestIdOf(request.headers);
  // Read within the limit as it arrives (a chunked body has no Content-Length to refuse it by).
  const body = await readForm(request, BODY_LIMITS.report);
  if (!body.ok && body.problem === "too_large") return Response.json({ fieldErrors: {}, code: "report.errors.request_too_large" }, { status: 413 });
  if (!body.ok) return Response.json({ fieldErrors: {}, code: "report.errors.server" }, { status: 400 });
  const form = body.value;
  const requested = String(form.get("locale") ?? "");
  const result = await submitCitizenReport(formDataToObject(form, REPORT_ARRAY_FIELDS), {
    locale: isLocale(requested) ? requested : "fr",
    clientAddress: clientAddress(request.headers),
    requestId,
  });
  if (result.status === "sent") return Response.json({ trackingNumber: result.trackingNumber }, { status: 201, headers: { "Cache-Control": "no-store" } });
  const status = result.code === "report.errors.rate_limited" ? 429 : result.code === "report.errors.server" ? 503 : 400;
  return Response.json(
    { fieldErrors: result.fieldErrors, code: result.code, ...(result.requestId ? { requestId: result.requestId } : {}) },
    { status, headers: { "X-Request-Id": requestId, ...(status === 429 ? { "Retry-After": "3600" } : {}) } },
  );
}
