"use client";

/** Why a server action refused, above or under its form: its code (with the reference of an unexpected failure) and each field's reasons. */
import type { ActionState } from "@/lib/actions/server-action";

export function ActionErrors({ state, say }: { state: ActionState; say: (code: string, requestId?: string) => string }) {
  if (state.status !== "error") return null;
  const fieldErrors = [...new Set(Object.values(state.fieldErrors ?? {}).flat())];
  if (!state.code && fieldErrors.length === 0) return null;
  return (
    <div className="alert alert--error" role="alert">
      {state.code ? <p>{say(state.code, state.requestId)}</p> : null}
      {fieldErrors.map((code) => (
        <p key={code}>{say(code)}</p>
      ))}
    </div>
  );
}
