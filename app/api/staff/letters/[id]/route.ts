/** A report's letter for staff who may read the report and see its citizen's contact (a letter names them). */
import { currentViewer } from "@/lib/auth/session";
import { readLetterForStaff } from "@/lib/dal/letters";
import { UUID } from "@/lib/domain/form-values";
import { isForbiddenError } from "@/lib/errors";
import { letterResponse } from "@/lib/letters/serve";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return new Response("Not found", { status: 404 });
  const viewer = await currentViewer();
  if (!viewer) return new Response("Unauthorized", { status: 401 });
  try {
    const letter = await readLetterForStaff(viewer, id);
    if (!letter) return new Response("Not found", { status: 404 });
    return letterResponse(letter, "private, no-store");
  } catch (error) {
    if (isForbiddenError(error)) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
