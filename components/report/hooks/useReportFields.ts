"use client";

/** What the citizen types in the report form, as one value (the same shape the phone's draft keeps). */
import { useState } from "react";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";
import type { DraftFields } from "../offline/types";
import type { SetFieldError } from "./useFieldErrors";

export const EMPTY_FIELDS: DraftFields = {
  categoryIds: [],
  point: null,
  districtId: "",
  address: "",
  description: "",
  anonymous: false,
  name: "",
  email: "",
  phone: "",
  answers: {},
};

export type SetField = <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => void;

/**
 * `typed`: what a form posted without scripts sent, given back by the server with its refusal.
 * `isRequest`: whether a category is another request (made alone) rather than a complaint's.
 */
export function useReportFields(setFieldError: SetFieldError, typed: DraftFields | undefined, isRequest: (id: number) => boolean) {
  const [fields, setFields] = useState<DraftFields>(typed ?? EMPTY_FIELDS);
  const setField: SetField = (key, value) => setFields((prev) => ({ ...prev, [key]: value }));

  /** Sets the answer to one of the request type's fields. */
  const setAnswer = (code: string, values: string[] | ((previous: string[]) => string[])) =>
    setFields((prev) => ({
      ...prev,
      answers: { ...prev.answers, [code]: typeof values === "function" ? values(prev.answers[code] ?? []) : values },
    }));

  /**
   * Ticks or unticks a category; a tick beyond the limit is refused with an error instead. Another
   * request is made alone: ticking one replaces what was ticked, and a complaint's category ticked
   * after it replaces it.
   */
  const toggleCategory = (id: number, checked: boolean) => {
    if (checked && (isRequest(id) || fields.categoryIds.some(isRequest))) {
      setFieldError("categoryIds", null);
      setFields((prev) => ({ ...prev, categoryIds: [id] }));
      return;
    }
    if (checked && !fields.categoryIds.includes(id) && fields.categoryIds.length >= REPORT_LIMITS.maxCategories) {
      setFieldError("categoryIds", "report.errors.category_too_many");
      return;
    }
    setFieldError("categoryIds", null);
    setFields((prev) => ({ ...prev, categoryIds: checked ? [...prev.categoryIds, id] : prev.categoryIds.filter((c) => c !== id) }));
  };

  return { fields, setField, setFields, toggleCategory, setAnswer };
}
