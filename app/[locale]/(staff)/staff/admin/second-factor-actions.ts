"use server";

import { resetSecondFactor } from "@/lib/dal/account";
import { secondFactorResetSchema } from "@/lib/domain/admin-input";
import type { StaffActionState } from "../reports/state";
import { runStaffAction } from "../run-action";

/** An administrator removes an account's second factor (a lost phone); audited by the data layer. */
export async function resetSecondFactorAction(_previous: StaffActionState, formData: FormData): Promise<StaffActionState> {
  return runStaffAction(secondFactorResetSchema, formData, [], resetSecondFactor, "admin.users.secondFactorResetDone");
}
