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
};

export type SetField = <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => void;

/** `typed`: what a form posted without scripts sent, given back by the server with its refusal. */
export function useReportFields(setFieldError: SetFieldError, typed?: DraftFields) {
  const [fields, setFields] = useState<DraftFields>(typed ?? EMPTY_FIELDS);
  const setField: SetField = (key, value) => setFields((prev) => ({ ...prev, [key]: value }));

  /** Ticks or unticks a category; a tick beyond the limit is refused with an error instead. */
  const toggleCategory = (id: number, checked: boolean) => {
    if (checked && !fields.categoryIds.includes(id) && fields.categoryIds.length >= REPORT_LIMITS.maxCategories) {
      setFieldError("categoryIds", "report.errors.category_too_many");
      return;
    }
    setFieldError("categoryIds", null);
    setFields((prev) => ({ ...prev, categoryIds: checked ? [...prev.categoryIds, id] : prev.categoryIds.filter((c) => c !== id) }));
  };

  return { fields, setField, setFields, toggleCategory };
}
