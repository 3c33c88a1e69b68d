/** A report's attachment for staff who may read the report (`?original=1` for the untouched file). */
import { currentViewer } from "@/lib/auth/session";
import { readAttachmentForStaff } from "@/lib/dal/attachments";
import { isForbiddenError } from "@/lib/errors";
import { fileResponse } from "@/lib/files/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/.test(id)) return new Response("Not found", { status: 404 });
  const viewer = await currentViewer();
  if (!viewer) return new Response("Unauthorized", { status: 401 });
  try {
    const file = await readAttachmentForStaff(viewer, id, new URL(request.url).searchParams.get("original") === "1" ? "original" : "display");
    if (!file) return new Response("Not found", { status: 404 });
    return fileResponse(file, "private, no-store");
  } catch (error) {
    if (isForbiddenError(error)) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
