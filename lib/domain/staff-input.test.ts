import { describe, expect, it } from "vitest";
import { answerInputSchema, categoriesInputSchema, mergeInputSchema, questionInputSchema, routeInputSchema } from "./staff-input";

const id = "0b8f3c9e-1d2a-4b5c-8d9e-0f1a2b3c4d5e";
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe("staff input", () => {
  it("routes one or many reports to a service", () => {
    expect(routeInputSchema.parse({ reportIds: [id], serviceId: "3" })).toEqual({ reportIds: [id], serviceId: 3, note: "" });
    expect(messages(routeInputSchema.safeParse({ reportIds: [], serviceId: "3" }))).toEqual(["staff.errors.no_report_selected"]);
    expect(messages(routeInputSchema.safeParse({ reportIds: [id], serviceId: "" }))).toContain("staff.errors.service_required");
    expect(messages(routeInputSchema.safeParse({ reportIds: ["../x"], serviceId: "1" }))).toEqual(["staff.errors.report_unknown"]);
  });

  it("needs a signed answer of substance, and names the administration when reoriented", () => {
    const answer = "Après vérification, l'équipe est intervenue le 12 novembre et a remplacé la lampe.";
    expect(answerInputSchema.parse({ reportId: id, outcome: "upheld", answer }).outcome).toBe("upheld");
    expect(messages(answerInputSchema.safeParse({ reportId: id, outcome: "upheld", answer: "" }))).toEqual(["staff.errors.answer_required"]);
    expect(messages(answerInputSchema.safeParse({ reportId: id, outcome: "upheld", answer: "ok" }))).toEqual(["staff.errors.answer_too_short"]);
    expect(messages(answerInputSchema.safeParse({ reportId: id, outcome: "maybe", answer }))).toEqual(["staff.errors.outcome_required"]);
    expect(messages(answerInputSchema.safeParse({ reportId: id, outcome: "reoriented", answer }))).toEqual(["staff.errors.reoriented_to_required"]);
    // A template's blank left in the text never reaches the citizen.
    const blank = "Nos équipes sont intervenues le [date] et le problème a été réglé.";
    expect(messages(answerInputSchema.safeParse({ reportId: id, outcome: "upheld", answer: blank }))).toEqual(["staff.errors.answer_placeholder"]);
  });

  it("checks questions, categories and merges", () => {
    expect(messages(questionInputSchema.safeParse({ reportId: id, question: "   " }))).toEqual(["staff.errors.question_required"]);
    expect(messages(categoriesInputSchema.safeParse({ reportId: id, categoryIds: ["1", "2", "3"] }))).toEqual(["staff.errors.category_too_many"]);
    expect(messages(mergeInputSchema.safeParse({ reportId: id, masterId: "" }))).toEqual(["staff.errors.report_unknown"]);
  });
});
