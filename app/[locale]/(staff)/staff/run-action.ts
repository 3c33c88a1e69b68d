/**
 * The shape every staff server action shares: parse with the shared schema, read the signed-in
 * member of staff, call the data layer (which checks who asks), translate failures into codes.
 */
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Viewer } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import { fieldErrorsOf, formDataToObject } from "@/lib/domain/report-input";
import { isAppError } from "@/lib/errors";
import { currentRequest } from "@/lib/request-log";
import type { StaffActionState } from "./reports/state";

export async function runStaffAction<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  arrayFields: string[],
  command: (viewer: Viewer | null, input: z.output<S>) => Promise<void>,
  done: string,
): Promise<StaffActionState> {
  const parsed = schema.safeParse(formDataToObject(formData, arrayFields));
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await command(await currentViewer(), parsed.data);
  } catch (error) {
    if (isAppError(error)) {
      return { status: "error", code: error.code.startsWith("forbidden") ? "staff.errors.forbidden" : error.code };
    }
    const { requestId, log } = await currentRequest();
    log.error({ err: error }, "staff action failed");
    return { status: "error", code: "staff.errors.server", requestId };
  }
  revalidatePath("/[locale]/staff", "layout");
  return { status: "ok", code: done };
}
