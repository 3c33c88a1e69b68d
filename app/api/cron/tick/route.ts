/**
 * POST /api/cron/tick — reminders, escalations and silence rules, for any scheduler (cron, Vercel
 * Cron, a systemd timer). Requires `Authorization: Bearer $CRON_SECRET`. Idempotent.
 */
import { timingSafeEqual } from "node:crypto";
import { runTick } from "@/lib/dal/tick";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

function authorized(header: string | null, secret: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function POST(request: Request) {
  const secret = env().cronSecret;
  if (!secret) return Response.json({ code: "cron.not_configured" }, { status: 503 });
  if (!authorized(request.headers.get("authorization"), secret)) return Response.json({ code: "cron.unauthorized" }, { status: 401 });
  const result = await runTick();
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}
