/**
 * What staff may submit when they work a report. Errors are codes (`staff.errors.*`) that the
 * interface translates.
 */
import { z } from "zod";
import type { ErrorName } from "@/lib/i18n/keys";
import { attachmentTokens, tableId, uuidInput } from "./form-values";
import type { Bounds } from "./geo";
import { unfilledPlaceholders } from "./placeholders";
import { reportInputSchema, type RequestTypes } from "./report-input";
import { DAY_MS } from "./time";

type StaffError = ErrorName<"staff">;
const E = (code: StaffError) => `staff.errors.${code}` as const;
const uuid = uuidInput(E("report_unknown"));

/** A text field whose three refusals are translated: `<field>_required`, `<field>_too_short`, `<field>_too_long`. */
type TextField = {
  [C in StaffError]: C extends `${infer F}_required` ? (`${F}_too_short` | `${F}_too_long` extends StaffError ? F : never) : never;
}[StaffError];
const text = (min: number, max: number, code: TextField) =>
  z
    .string({ error: E(`${code}_required`) })
    .trim()
    .superRefine((v, ctx) => {
      if (v.length === 0) ctx.addIssue({ code: "custom", message: E(`${code}_required`) });
      else if (v.length < min) ctx.addIssue({ code: "custom", message: E(`${code}_too_short`) });
      else if (v.length > max) ctx.addIssue({ code: "custom", message: E(`${code}_too_long`) });
    });

export const routeInputSchema = z.object({
  reportIds: z.array(uuid).min(1, E("no_report_selected")).max(200, E("too_many_selected")),
  serviceId: tableId(E("service_required")),
  note: z.string().trim().max(2000, E("note_too_long")).optional().default(""),
});

export const categoriesInputSchema = z.object({
  reportId: uuid,
  categoryIds: z
    .array(tableId(E("category_required")))
    .transform((ids) => [...new Set(ids)])
    .pipe(z.array(z.number()).min(1, E("category_required")).max(2, E("category_too_many"))),
});

export const mergeInputSchema = z.object({ reportId: uuid, masterId: uuid.or(z.literal("").transform(() => "")).pipe(uuid) });
export const reasonInputSchema = z.object({ reportId: uuid, reason: text(3, 2000, "reason") });
export const questionInputSchema = z.object({ reportId: uuid, question: text(10, 2000, "question") });
export const noteInputSchema = z.object({ reportId: uuid, note: text(1, 4000, "note") });
export const reportIdInputSchema = z.object({ reportId: uuid });

export const answerInputSchema = z
  .object({
    reportId: uuid,
    outcome: z.enum(["upheld", "rejected", "reoriented"], { error: E("outcome_required") }),
    answer: text(20, 8000, "answer"),
    reorientedTo: z.string().trim().max(300, E("reoriented_to_too_long")).optional().default(""),
  })
  .superRefine((input, ctx) => {
    if (input.outcome === "reoriented" && input.reorientedTo === "") {
      ctx.addIssue({ code: "custom", path: ["reorientedTo"], message: E("reoriented_to_required") });
    }
    if (unfilledPlaceholders(input.answer).length > 0) {
      ctx.addIssue({ code: "custom", path: ["answer"], message: E("answer_placeholder") });
    }
  });

/** A calendar day as a date input sends it (YYYY-MM-DD), that exists and is not after today (anywhere). */
const pastDay = (code: StaffError) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, E(code))
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && d.getTime() <= Date.now() + DAY_MS && d.getUTCFullYear() >= 2000;
    }, E(code));

/** A delegate's account of the facts: what happened, when the work was done, its evidence. */
export const delegateAccountInputSchema = z.object({
  reportId: uuid,
  account: text(10, 4000, "account"),
  doneOn: z
    .union([z.literal(""), pastDay("done_on_invalid")])
    .optional()
    .transform((v) => v || null),
  attachmentTokens: attachmentTokens(5),
});
export type DelegateAccountInput = z.output<typeof delegateAccountInputSchema>;

export type AnswerInput = z.output<typeof answerInputSchema>;

/** How a request reached the city when staff enter it on the caller's behalf. */
export const intakeChannelSchema = z.object({ channel: z.enum(["phone", "counter", "letter", "email"], { error: E("channel_required") }) });

/** A request taken by phone, at the counter, by letter or by email: the citizen's report and its channel, refused together. */
export function intakeInputSchema(bounds: Bounds, types?: RequestTypes) {
  return reportInputSchema(bounds, types).and(intakeChannelSchema);
}
export type IntakeInput = z.output<ReturnType<typeof intakeInputSchema>>;
