/**
 * POST one file (multipart field `file`) while the citizen fills the report form. Answers a claim
 * token, or an error code the form translates: 413 too large, 415 wrong type, 400 otherwise.
 */
import { clientAddress } from "@/lib/auth/address";
import { createUpload } from "@/lib/dal/attachments";
import { hitRateLimit, limits } from "@/lib/dal/rate-limits";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";
import { isAppError } from "@/lib/errors";
import { requestIdOf, requestLog } from "@/lib/log";

export const dynamic = "force-dynamic";

const STATUS_OF: Record<string, number> = {
  "report.errors.file_too_large": 413,
  "report.errors.file_type": 415,
  "report.errors.file_corrupt": 415,
};

export async function POST(request: Request) {
  // Refuse an oversized body before reading it (multipart adds a few hundred bytes of framing).
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > REPORT_LIMITS.maxFileBytes + 64 * 1024) {
    return Response.json({ error: "report.errors.file_too_large" }, { status: 413 });
  }
  const rate = await hitRateLimit(`upload:address:${clientAddress(request.headers)}`, limits().uploadPerAddress);
  if (!rate.allowed) {
    return Response.json({ error: "report.errors.rate_limited" }, { status: 429, headers: { "Retry-After": String(rate.retryAfterSeconds) } });
  }
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    return Response.json({ error: "report.errors.file_unreadable" }, { status: 400 });
  }
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
