/**
 * How many reports were filed since the triage screen was loaded (`?since=` ISO instant): the
 * screen polls it to announce new reports without reloading what the coordinator is reading.
 */
import { currentViewer } from "@/lib/auth/session";
import { countReportsFiledSince } from "@/lib/dal/staff-reports";
import { isForbiddenError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: "unauthorized" }, { status: 401 });
  const since = new Date(new URL(request.url).searchParams.get("since") ?? "");
  if (Number.isNaN(since.getTime())) return Response.json({ error: "since" }, { status: 400 });
  try {
    const count = await countReportsFiledSince(viewer, since);
    return Response.json({ count }, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    if (isForbiddenError(error)) return Response.json({ error: "forbidden" }, { status: 403 });
    throw error;
  }
}
