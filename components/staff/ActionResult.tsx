"use client";

/** What a staff action answered, under its form: the refusal with its reasons, or what was done. */
import { ActionErrors } from "@/components/ui/ActionErrors";
import type { ActionState } from "@/lib/actions/server-action";

export function ActionResult({ state, say }: { state: ActionState; say: (code: string, requestId?: string) => string }) {
  if (state.status === "error") return <ActionErrors state={state} say={say} />;
  if (state.status === "ok" && state.code) {
    return (
      <p className="alert alert--success" role="status">
        {say(state.code)}
      </p>
    );
  }
  return null;
}
