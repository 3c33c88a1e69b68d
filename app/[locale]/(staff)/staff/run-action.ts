/**
 * A staff server action: the one action shape (lib/actions/server-action) with the signed-in member
 * of staff handed to the data layer (which checks who asks), then the staff pages revalidated.
 */
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runServerAction } from "@/lib/actions/server-action";
import type { Viewer } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import type { MessageKey } from "@/lib/i18n/keys";
import type { StaffActionState } from "./reports/state";

export async function runStaffAction<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  arrayFields: readonly string[],
  command: (viewer: Viewer | null, input: z.output<S>) => Promise<void>,
  done: MessageKey,
): Promise<StaffActionState> {
  const outcome = await runServerAction(formData, {
    schema,
    arrayFields,
    run: async (input) => command(await currentViewer(), input),
    failure: "staff.errors.server",
    what: "staff action failed",
  });
  if (!outcome.ok) return outcome.failure;
  revalidatePath("/[locale]/staff", "layout");
  return { status: "ok", code: done };
}
