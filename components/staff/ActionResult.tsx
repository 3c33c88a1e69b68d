"use client";

/** What a staff action answered, under its form: the refusal with its reasons, or what was done. */
import type { StaffActionState } from "@/app/[locale]/(staff)/staff/reports/state";

export function ActionResult({ state, say }: { state: StaffActionState; say: (code: string, requestId?: string) => string }) {
  const fieldErrors = Object.values(state.fieldErrors ?? {}).flat();
  if (state.status === "error") {
    return (
      <div className="alert alert--error" role="alert">
        {state.code ? <p>{say(state.code, state.requestId)}</p> : null}
        {fieldErrors.map((code) => (
          <p key={code}>{say(code)}</p>
        ))}
      </div>
    );
  }
  if (state.status === "ok" && state.code) {
    return (
      <p className="alert alert--success" role="status">
        {say(state.code)}
      </p>
    );
  }
  return null;
}
