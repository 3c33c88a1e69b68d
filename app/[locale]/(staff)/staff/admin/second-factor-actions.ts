"use server";

import { z } from "zod";
import { resetSecondFactor } from "@/lib/dal/account";
import { runStaffAction } from "../run-action";
import type { StaffActionState } from "../reports/state";

const schema = z.object({ userId: z.string().uuid("admin.errors.user_unknown") });

/** An administrator removes an account's second factor (a lost phone); audited by the data layer. */
export async function resetSecondFactorAction(_previous: StaffActionState, formData: FormData): Promise<StaffActionState> {
  return runStaffAction(schema, formData, [], resetSecondFactor, "admin.users.secondFactorResetDone");
}
