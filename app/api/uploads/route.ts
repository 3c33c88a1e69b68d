/**
 * POST one file (multipart field `file`) while the citizen fills the report form. Answers a claim
 * token, or an error code the form translates: 413 too large, 415 wrong type, 400 otherwise.
 */
import { clientAddress } from "@/lib/auth/address";
import { createUpload } from "@/lib/dal/attachments";
import { hitRateLimit, limits } from "@/lib/dal/rate-limits";
import { isAppError } from "@/lib/errors";
import { BODY_LIMITS, declaresMoreThan, readForm } from "@/lib/http/body";
import { requestIdOf, requestLog } from "@/lib/log";

export const dynamic = "force-dynamic";

const STATUS_OF: Record<string, number> = {
  "report.errors.file_too_large": 413,
  "report.errors.file_type": 415,
  "report.errors.file_corrupt": 415,
  "report.errors.file_protected": 415,
};

export async function POST(request: Request) {
  // A declared Content-Length over the limit is refused before the rate limit is counted.
  if (await declaresMoreThan(request, BODY_LIMITS.upload)) {
    return Response.json({ error: "report.errors.file_too_large" }, { status: 413 });
  }
  const rate = await hitRateLimit(`upload:address:${clientAddress(request.headers)}`, limits().uploadPerAddress);
  if (!rate.allowed) {
    return Response.json({ error: "report.errors.rate_limited" }, { status: 429, headers: { "Retry-After": String(rate.retryAfterSeconds) } });
  }
  // Read within the limit as it arrives: a chunked body has no Content-Length to refuse it by.
  const form = await readForm(request, BODY_LIMITS.upload);
  if (!form.ok && form.problem === "too_large") return Response.json({ error: "report.errors.file_too_large" }, { status: 413 });
  if (!form.ok) return Response.json({ error: "report.errors.file_unreadable" }, { status: 400 });
  const file = form.value.get("file");
  if (!(file instanceof File)) return Response.json({ error: "report.errors.file_unreadable" }, { status: 400 });
  try {
    const receipt = await createUpload({ bytes: Buffer.from(await file.arrayBuffer()), originalName: file.name });
    return Response.json(receipt, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.code }, { status: STATUS_OF[error.code] ?? 400 });
    const requestId = requestIdOf(request.headers);
    requestLog(requestId).error({ err: error }, "upload failed");
    return Response.json({ error: "report.errors.server", requestId }, { status: 500, headers: { "X-Request-Id": requestId } });
  }
}
