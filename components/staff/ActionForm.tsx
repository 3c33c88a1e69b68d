"use client";

/**
 * A staff action as a small form. It submits without React's automatic reset, so that a refused
 * action keeps what was typed; it clears itself only when the action succeeded.
 */
import { useEffect, useRef } from "react";
import { useFormAction } from "@/components/ui/useFormAction";
import { ActionResult } from "./ActionResult";
import type { StaffActionState } from "@/app/[locale]/(staff)/staff/reports/state";

type Props = {
  action: (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;
  submitLabel: string;
  hidden?: Record<string, string | string[]>;
  children?: React.ReactNode;
  variant?: "primary" | "secondary";
  title?: string;
  testId?: string;
};

export function ActionForm({ action, submitLabel, hidden = {}, children, variant = "primary", title, testId }: Props) {
  const { state, submit, pending, say } = useFormAction(action, { status: "idle" } as StaffActionState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "ok") form.current?.reset();
  }, [state]);
  return (
    <form ref={form} className="staff-action" data-testid={testId} aria-label={title ?? submitLabel} onSubmit={submit}>
      {title ? <h3 className="staff-action__title">{title}</h3> : null}
      {Object.entries(hidden).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => <input key={`${name}-${v}`} type="hidden" name={name} value={v} />),
      )}
      {children}
      <ActionResult state={state} say={say} />
      <button type="submit" className={variant === "primary" ? "button" : "button button--secondary"} disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
