/**
 * What staff may submit when they work a report. Errors are codes (`staff.errors.*`) that the
 * interface translates.
 */
import { z } from "zod";
import { tableId } from "./form-values";
import { DAY_MS } from "./time";

const E = (code: string) => `staff.errors.${code}`;
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, E("report_unknown"));
const text = (min: number, max: number, code: string) =>
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
  });

/** A calendar day as a date input sends it (YYYY-MM-DD), that exists and is not after today (anywhere). */
const pastDay = (code: string) =>
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
  attachmentTokens: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "report.errors.file_unknown"))
    .max(5, "report.errors.files_too_many")
    .default([]),
});
export type DelegateAccountInput = z.output<typeof delegateAccountInputSchema>;

/** What a citizen sends back when the service asked for details (from the tracking page). */
export const infoReplySchema = z.object({
  trackingNumber: z.string().max(40),
  reply: z
    .string({ error: "tracking.reply.errors.required" })
    .trim()
    .min(1, "tracking.reply.errors.required")
    .min(5, "tracking.reply.errors.too_short")
    .max(4000, "tracking.reply.errors.too_long"),
});

export type AnswerInput = z.output<typeof answerInputSchema>;
