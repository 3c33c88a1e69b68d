"use server";

/**
 * Server actions of the staff screens (triage, desk, report page). Each parses with the shared
 * schema, reads the signed-in member of staff, and calls a data-layer command — which checks the
 * role, the scope and the lifecycle itself. They return codes the interface translates.
 */
import {
  addInternalNote,
  answerReport,
  askForInformation,
  changeCategories,
  closeReport,
  declareInadmissible,
  giveDelegateAccount,
  mergeDuplicate,
  reopenReport,
  resumeReport,
  routeReports,
  takeReport,
} from "@/lib/dal/report-workflow";
import {
  answerInputSchema,
  categoriesInputSchema,
  delegateAccountInputSchema,
  mergeInputSchema,
  noteInputSchema,
  questionInputSchema,
  reasonInputSchema,
  reportIdInputSchema,
  routeInputSchema,
} from "@/lib/domain/staff-input";
import { runStaffAction } from "../run-action";
import type { StaffActionState } from "./state";

export async function routeReportsAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(routeInputSchema, formData, ["reportIds"], routeReports, "staff.done.routed");
}
export async function changeCategoriesAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(categoriesInputSchema, formData, ["categoryIds"], changeCategories, "staff.done.recategorized");
}
export async function mergeReportAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(mergeInputSchema, formData, [], mergeDuplicate, "staff.done.merged");
}
export async function askInformationAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(questionInputSchema, formData, [], askForInformation, "staff.done.info_requested");
}
export async function resumeReportAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(noteInputSchema, formData, [], resumeReport, "staff.done.resumed");
}
export async function takeReportAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(reportIdInputSchema, formData, [], takeReport, "staff.done.taken");
}
export async function addNoteAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(noteInputSchema, formData, [], addInternalNote, "staff.done.noted");
}
export async function answerReportAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(answerInputSchema, formData, [], answerReport, "staff.done.answered");
}
export async function declareInadmissibleAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(reasonInputSchema, formData, [], declareInadmissible, "staff.done.inadmissible");
}
export async function reopenReportAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(reasonInputSchema, formData, [], reopenReport, "staff.done.reopened");
}
export async function closeReportAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(reportIdInputSchema, formData, [], closeReport, "staff.done.closed");
}

/** A delegate's account of the facts, with its evidence (the city decides the outcome). */
export async function giveAccountAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(delegateAccountInputSchema, formData, ["attachmentTokens"], giveDelegateAccount, "staff.done.account_given");
}
