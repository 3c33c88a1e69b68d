"use server";

import { setStaffLocale } from "@/lib/dal/account";
import { staffLocaleInputSchema } from "@/lib/domain/account-input";
import type { StaffActionState } from "../reports/state";
import { runStaffAction } from "../run-action";

/** The signed-in member of staff chooses the language of their mails and exports; the data layer checks and audits. */
export async function saveStaffLocaleAction(_previous: StaffActionState, formData: FormData): Promise<StaffActionState> {
  return runStaffAction(staffLocaleInputSchema, formData, [], setStaffLocale, "account.done.locale_saved");
}
