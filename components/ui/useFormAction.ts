"use client";

/**
 * A server action bound to a form without React's automatic reset: a refused submission keeps what
 * was typed. `submit` is the form's onSubmit; `say` translates a code the server sent, with a
 * fallback for codes the interface does not know, and the request's reference when there is one.
 */
import { useActionState, useTransition, type FormEvent } from "react";
import { useTranslations } from "next-intl";

export function useFormAction<S>(action: (state: Awaited<S>, formData: FormData) => S | Promise<S>, initial: Awaited<S>, fallbackCode = "staff.errors.server") {
  const [state, formAction] = useActionState(action, initial);
  const [pending, startTransition] = useTransition();
  const tAll = useTranslations();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  /** With `requestId` (an unexpected failure), the sentence ends with the reference to give to support. */
  const say = (code: string, requestId?: string) => {
    const text = tAll.has(code) ? tAll(code) : tAll(fallbackCode);
    return requestId ? `${text} ${tAll("common.reference", { id: requestId })}` : text;
  };
  return { state, submit, pending, say };
}
