/**
 * A letter of a report for its citizen: `/api/letters/[id]?n=TRACKING-NUMBER`. Each try is a guess of
 * a tracking number, counted per address like the citizen's files (`/files/[id]`).
 */
import { clientAddress } from "@/lib/auth/address";
import { readLetterForCitizen } from "@/lib/dal/letters";
import { getCity } from "@/lib/dal/reference";
import { admitTrackedFile } from "@/lib/dal/tracking-access";
import { UUID } from "@/lib/domain/form-values";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import { letterResponse } from "@/lib/letters/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const number = new URL(request.url).searchParams.get("n") ?? "";
  const admitted = await admitTrackedFile(clientAddress(request.headers));
  if (!admitted.allowed) return new Response("Too many requests", { status: 429, headers: { "Retry-After": String(admitted.retryAfterSeconds) } });
  const parsed = parseTrackingNumber(number, (await getCity()).trackingPrefix);
  if (!UUID.test(id) || !parsed.ok) return new Response("Not found", { status: 404 });
  const letter = await readLetterForCitizen(id, parsed.trackingNumber);
  if (!letter) return new Response("Not found", { status: 404 });
  return letterResponse(letter, "private, max-age=3600");
}
