/**
 * A report's attachment: `/files/[id]?n=TRACKING-NUMBER`. Served as the re-encoded display version,
 * with `nosniff`, a strict CSP, and a Content-Disposition that never trusts the citizen's file name.
 */
import { readAttachmentForPublic } from "@/lib/dal/attachments";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import { getCity } from "@/lib/dal/reference";
import { fileResponse } from "@/lib/files/serve";
import { clientAddress } from "@/lib/auth/address";
import { admitTrackedFile } from "@/lib/dal/tracking-access";
import { UUID } from "@/lib/domain/form-values";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const number = new URL(request.url).searchParams.get("n") ?? "";
  // A file is asked for with a tracking number: each try is a guess, counted per address.
  const admitted = await admitTrackedFile(clientAddress(request.headers));
  if (!admitted.allowed) return new Response("Too many requests", { status: 429, headers: { "Retry-After": String(admitted.retryAfterSeconds) } });
  const city = await getCity();
  const parsed = parseTrackingNumber(number, city.trackingPrefix);
  if (!UUID.test(id) || !parsed.ok) return new Response("Not found", { status: 404 });
  const file = await readAttachmentForPublic(id, parsed.trackingNumber);
  if (!file) return new Response("Not found", { status: 404 });
  return fileResponse(file, "private, max-age=3600");
}
