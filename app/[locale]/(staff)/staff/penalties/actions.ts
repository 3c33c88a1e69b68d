"use server";

import { contestPenalty, decidePenalties } from "@/lib/dal/penalties";
import { penaltyContestInputSchema, penaltyDecisionInputSchema } from "@/lib/domain/penalty-input";
import type { StaffActionState } from "../reports/state";
import { runStaffAction } from "../run-action";

/** The mayor's office confirms or waives penalties (bulk confirm from the ledger). */
export async function decidePenaltiesAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(penaltyDecisionInputSchema, formData, ["penaltyIds"], decidePenalties, "penalties.done.decided");
}

/** A delegate contests a proposed penalty. */
export async function contestPenaltyAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(penaltyContestInputSchema, formData, ["attachmentTokens"], contestPenalty, "penalties.done.contested");
}
