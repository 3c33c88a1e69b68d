"use server";

/** Server actions of the administration pages; the data layer checks that the caller is an administrator. */
import {
  addHoliday,
  createStaffUser,
  saveDelegate,
  deleteTemplate,
  removeHoliday,
  saveCategory,
  saveRequestTypeFields,
  saveService,
  saveTemplate,
  setCityLogo,
  setUserActive,
  updateCity,
  updateStaffUser,
} from "@/lib/dal/admin";
import {
  anonymisationInputSchema,
  apiKeyInputSchema,
  apiKeyRevocationSchema,
  categoryInputSchema,
  cityInputSchema,
  cityLogoInputSchema,
  delegateInputSchema,
  holidayInputSchema,
  holidayRemovalSchema,
  mailResendSchema,
  serviceInputSchema,
  templateDeleteSchema,
  templateInputSchema,
  userActiveSchema,
  userInputSchema,
  userUpdateSchema,
} from "@/lib/domain/admin-input";
import { requestTypeFieldsInputSchema } from "@/lib/domain/request-type-input";
import type { Locale } from "@/lib/i18n/config";
import { revalidatePath } from "next/cache";
import { type ActionState, runServerAction } from "@/lib/actions/server-action";
import { currentViewer } from "@/lib/auth/session";
import { issueApiKey, revokeApiKey } from "@/lib/dal/open311";
import { anonymiseCitizen } from "@/lib/dal/privacy";
import { sendMailAgain } from "@/lib/dal/mails";
import type { StaffActionState } from "../reports/state";
import { runStaffAction } from "../run-action";

export async function saveCategoryAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(categoryInputSchema, formData, [], saveCategory, "admin.done.saved");
}
export async function saveServiceAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(serviceInputSchema, formData, [], saveService, "admin.done.saved");
}
export async function addHolidayAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(holidayInputSchema, formData, [], addHoliday, "admin.done.saved");
}
export async function removeHolidayAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(holidayRemovalSchema, formData, [], (v, i) => removeHoliday(v, i.day), "admin.done.removed");
}
export async function createUserAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(userInputSchema, formData, [], async (v, i) => void (await createStaffUser(v, i)), "admin.done.user_invited");
}
export async function updateUserAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(userUpdateSchema, formData, [], updateStaffUser, "admin.done.saved");
}
export async function setUserActiveAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(userActiveSchema, formData, [], setUserActive, "admin.done.saved");
}
export async function saveTemplateAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(templateInputSchema, formData, [], saveTemplate, "admin.done.saved");
}
export async function deleteTemplateAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(templateDeleteSchema, formData, [], (v, i) => deleteTemplate(v, i.templateId), "admin.done.removed");
}
export async function updateCityAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(cityInputSchema, formData, [], updateCity, "admin.done.saved");
}
/** The letters' logo from the file input `logo` (the schema reads no file: the data layer sniffs and re-encodes it). */
export async function setCityLogoAction(_: StaffActionState, formData: FormData) {
  const upload = formData.get("logo");
  return runStaffAction(
    cityLogoInputSchema,
    formData,
    [],
    (v) => setCityLogo(v, typeof upload === "string" || upload === null ? new Blob([]) : upload),
    "admin.done.saved",
  );
}
export async function removeCityLogoAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(cityLogoInputSchema, formData, [], (v) => setCityLogo(v, null), "admin.done.removed");
}
export async function saveDelegateAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(delegateInputSchema, formData, [], saveDelegate, "admin.done.saved");
}

/** The field editor's answer: the version new requests are filed with, and the languages whose labels fall back to the city's. */
export type RequestTypeFieldsState = ActionState & { version?: number | null; missingLanguages?: Locale[] };

/**
 * Saves a request type's own fields, posted by the editor as one JSON text (`fields`), with the type
 * (`categoryId`) and the version it started from (`basedOn`). Refusals of the definition come back
 * at their field (`fields.<index>`); the editor keeps what was typed.
 */
export async function saveRequestTypeFieldsAction(_: RequestTypeFieldsState, formData: FormData): Promise<RequestTypeFieldsState> {
  const outcome = await runServerAction(formData, {
    schema: requestTypeFieldsInputSchema,
    run: async (input) => saveRequestTypeFields(await currentViewer(), input.categoryId, input.fields, { basedOn: input.basedOn }),
    failure: "staff.errors.server",
    what: "request type fields saving failed",
  });
  if (!outcome.ok) return outcome.failure;
  const saved = outcome.result;
  if (saved.changed) revalidatePath("/[locale]/staff", "layout");
  return {
    status: "ok",
    code: saved.changed ? "admin.types.fieldsSaved" : "admin.types.fieldsUnchanged",
    version: saved.version,
    missingLanguages: saved.missingLanguages,
  };
}

/** The issuing's answer: with the key, shown once. */
export type IssuedKeyState = ActionState & { key?: string };

/** Issues an Open311 API key; the key is shown once, in the answer. */
export async function issueApiKeyAction(_: IssuedKeyState, formData: FormData): Promise<IssuedKeyState> {
  const outcome = await runServerAction(formData, {
    schema: apiKeyInputSchema,
    run: async (input) => issueApiKey(await currentViewer(), input.name),
    failure: "staff.errors.server",
    what: "api key issuing failed",
  });
  if (!outcome.ok) return outcome.failure;
  revalidatePath("/[locale]/staff/admin/api-keys", "page");
  return { status: "ok", key: outcome.result };
}

export async function revokeApiKeyAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(apiKeyRevocationSchema, formData, [], (v, i) => revokeApiKey(v, i.keyId), "admin.done.removed");
}

/** Erases a citizen's contact data from every report that carries their email or phone (on their request). */
export async function anonymiseCitizenAction(_: StaffActionState, formData: FormData): Promise<StaffActionState> {
  let erased = 0;
  const result = await runStaffAction(
    anonymisationInputSchema,
    formData,
    [],
    async (v, i) => void (erased = await anonymiseCitizen(v, i.contact)),
    "admin.done.anonymised",
  );
  return result.status === "ok" && erased === 0 ? { status: "ok", code: "admin.done.nothing_to_anonymise" } : result;
}

/** Queues a dead mail again (after its cause was fixed: a corrected provider key, a recipient's mailbox back). */
export async function sendMailAgainAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(mailResendSchema, formData, [], (v, i) => sendMailAgain(v, i.mailId), "admin.done.resent");
}
