/** POST /api/reports/[id]/support — "me too" on an open public report, counted once per person. */
import { clientAddress } from "@/lib/auth/address";
import { hitRateLimit, limits } from "@/lib/dal/rate-limits";
import { addSupport, supportFingerprint } from "@/lib/dal/supports";
import { isAppError } from "@/lib/errors";
import { requestIdOf, requestLog } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const rate = await hitRateLimit(`support:address:${clientAddress(request.headers)}`, limits().supportPerAddress);
  if (!rate.allowed) return Response.json({ code: "support.errors.rate_limited" }, { status: 429, headers: { "Retry-After": String(rate.retryAfterSeconds) } });
  try {
    const fingerprint = supportFingerprint(id, clientAddress(request.headers), request.headers.get("user-agent") ?? "");
    const result = await addSupport(id, fingerprint);
    return Response.json(result, { status: result.added ? 201 : 200 });
  } catch (error) {
    if (isAppError(error)) return Response.json({ code: error.code }, { status: error.code === "support.errors.closed" ? 409 : 404 });
    const requestId = requestIdOf(request.headers);
    requestLog(requestId).error({ err: error }, "support failed");
    return Response.json({ code: "support.errors.server", requestId }, { status: 500, headers: { "X-Request-Id": requestId } });
  }
}
