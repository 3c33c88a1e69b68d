"use server";

/**
 * Server actions of the staff screens (triage, desk, report page). Each parses with the shared
 * schema, reads the signed-in member of staff, and calls a data-layer command — which checks the
 * role, the scope and the lifecycle itself. They return codes the interface translates.
 */
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { currentViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/permissions";
import {
  addInternalNote,
  answerReport,
  askForInformation,
  changeCategories,
  closeReport,
  declareInadmissible,
  mergeDuplicate,
  reopenReport,
  resumeReport,
  routeReports,
  takeReport,
} from "@/lib/dal/report-workflow";
import { fieldErrorsOf, formDataToObject } from "@/lib/domain/report-input";
import {
  answerInputSchema,
  categoriesInputSchema,
  mergeInputSchema,
  noteInputSchema,
  questionInputSchema,
  reasonInputSchema,
  reportIdInputSchema,
  routeInputSchema,
} from "@/lib/domain/staff-input";
import { isAppError } from "@/lib/errors";
import type { StaffActionState } from "./state";

async function run<S extends z.ZodType>(
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
    console.error("[staff] action failed", error);
    return { status: "error", code: "staff.errors.server" };
  }
  revalidatePath("/[locale]/staff", "layout");
  return { status: "ok", code: done };
}

export async function routeReportsAction(_: StaffActionState, formData: FormData) {
  return run(routeInputSchema, formData, ["reportIds"], routeReports, "staff.done.routed");
}
export async function changeCategoriesAction(_: StaffActionState, formData: FormData) {
  return run(categoriesInputSchema, formData, ["categoryIds"], changeCategories, "staff.done.recategorized");
}
export async function mergeReportAction(_: StaffActionState, formData: FormData) {
  return run(mergeInputSchema, formData, [], mergeDuplicate, "staff.done.merged");
}
export async function askInformationAction(_: StaffActionState, formData: FormData) {
  return run(questionInputSchema, formData, [], askForInformation, "staff.done.info_requested");
}
export async function resumeReportAction(_: StaffActionState, formData: FormData) {
  return run(noteInputSchema, formData, [], resumeReport, "staff.done.resumed");
}
export async function takeReportAction(_: StaffActionState, formData: FormData) {
  return run(reportIdInputSchema, formData, [], takeReport, "staff.done.taken");
}
export async function addNoteAction(_: StaffActionState, formData: FormData) {
  return run(noteInputSchema, formData, [], addInternalNote, "staff.done.noted");
}
export async function answerReportAction(_: StaffActionState, formData: FormData) {
  return run(answerInputSchema, formData, [], answerReport, "staff.done.answered");
}
export async function declareInadmissibleAction(_: StaffActionState, formData: FormData) {
  return run(reasonInputSchema, formData, [], declareInadmissible, "staff.done.inadmissible");
}
export async function reopenReportAction(_: StaffActionState, formData: FormData) {
  return run(reasonInputSchema, formData, [], reopenReport, "staff.done.reopened");
}
export async function closeReportAction(_: StaffActionState, formData: FormData) {
  return run(reportIdInputSchema, formData, [], closeReport, "staff.done.closed");
}
