"use server";

import { z } from "zod";
import { contestPenalty, decidePenalties } from "@/lib/dal/penalties";
import type { StaffActionState } from "../reports/state";
import { runStaffAction } from "../run-action";

const id = z.string().regex(/^[0-9a-f-]{36}$/, "penalties.errors.unknown");

const decisionSchema = z.object({
  penaltyIds: z.array(id).min(1, "penalties.errors.none_selected").max(500, "penalties.errors.none_selected"),
  decision: z.enum(["confirm", "waive"]),
  reason: z.string().trim().max(2000, "penalties.errors.reason_too_long").optional().default(""),
});
const contestSchema = z.object({
  penaltyId: id,
  text: z.string().trim().min(10, "penalties.errors.contest_too_short").max(4000, "penalties.errors.contest_too_long"),
  attachmentTokens: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "report.errors.file_unknown"))
    .max(5, "report.errors.files_too_many")
    .default([]),
});

/** The mayor's office confirms or waives penalties (bulk confirm from the ledger). */
export async function decidePenaltiesAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(decisionSchema, formData, ["penaltyIds"], decidePenalties, "penalties.done.decided");
}

/** A delegate contests a proposed penalty. */
export async function contestPenaltyAction(_: StaffActionState, formData: FormData) {
  return runStaffAction(contestSchema, formData, ["attachmentTokens"], contestPenalty, "penalties.done.contested");
}
