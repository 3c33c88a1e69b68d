"use client";

/**
 * The form's errors: those found in the browser before asking the server (3rd category, 6th file,
 * geolocation…), merged over the server's, and what each field renders of them (its message, and
 * the `aria-describedby`/`aria-invalid` that point a screen reader to it).
 */
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";

export type FieldErrors = Record<string, string[]>;
export type SetFieldError = (field: string, code: string | null) => void;

/** The order of the error summary, and where each field's error sends the reader from it. */
export const FIELD_ANCHORS: Record<string, string> = {
  categoryIds: "categories",
  location: "location",
  address: "address",
  description: "description",
  attachmentTokens: "files",
  name: "name",
  email: "email",
  phone: "phone",
};
export const FIELD_ORDER = ["categoryIds", "location", "address", "description", "attachmentTokens", "name", "email", "phone"];

/** A code's translation; a code without one reads as the generic server error. */
export function useSay() {
  const tAll = useTranslations();
  return (code: string) => {
    // The codes come from the server and the queue as strings: `has` checks them when they arrive.
    const key = code as Parameters<typeof tAll.has>[0];
    return tAll.has(key) ? tAll(key) : tAll("report.errors.server");
  };
}

/** Errors found in the browser, one code per field. */
export function useBrowserErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const setFieldError: SetFieldError = (field, code) =>
    setErrors((prev) => {
      const next = { ...prev };
      if (code) next[field] = [code];
      else delete next[field];
      return next;
    });
  return { errors, setErrors, setFieldError };
}

/** What a field renders of its errors. */
export type FieldErrorView = {
  /** The field's `aria-describedby`: its hint, then its error message when it has one. */
  describedBy(field: string, hint?: string): string | undefined;
  invalid(field: string): true | undefined;
  /** The field's error message, or nothing. */
  message(field: string): ReactNode;
};

export function fieldErrorView(errors: FieldErrors, baseId: string, say: (code: string) => string): FieldErrorView {
  return {
    describedBy: (field, hint) => [hint, errors[field]?.length ? `${baseId}-${field}-error` : null].filter(Boolean).join(" ") || undefined,
    invalid: (field) => (errors[field]?.length ? true : undefined),
    message: (field) =>
      errors[field]?.length ? (
        <p className="field-error" id={`${baseId}-${field}-error`}>
          {errors[field].map(say).join(" ")}
        </p>
      ) : null,
  };
}
