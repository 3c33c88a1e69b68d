"use client";

/**
 * A server action bound to a form without React's automatic reset: a refused submission keeps what
 * was typed. `submit` is the form's onSubmit; `say` translates a code the server sent, with a
 * fallback for codes the interface does not know, and the request's reference when there is one.
 * `formAction` is the form's `action`: without scripts the browser posts the form to the page,
 * Next runs the server action and renders the page again with its answer as `state`.
 */
import { useActionState, useTransition, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { SCRIPTED_FIELD } from "@/lib/forms/posted-form";
import type { MessageKey } from "@/lib/i18n/keys";

export function useFormAction<S>(
  action: (state: Awaited<S>, formData: FormData) => S | Promise<S>,
  initial: Awaited<S>,
  fallbackCode: MessageKey = "staff.errors.server",
) {
  const [state, formAction] = useActionState(action, initial);
  const [pending, startTransition] = useTransition();
  const tAll = useTranslations();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // A form's `files` are what a browser without scripts posts; with scripts they were uploaded as chosen.
    data.delete("files");
    data.set(SCRIPTED_FIELD, "1");
    startTransition(() => formAction(data));
  };
  /** With `requestId` (an unexpected failure), the sentence ends with the reference to give to support. */
  const say = (code: string, requestId?: string) => {
    // A code as the server sent it: a message key, or (a zod rule that names no code) anything else.
    const key = code as MessageKey;
    const text = tAll.has(key) ? tAll(key) : tAll(fallbackCode);
    return requestId ? `${text} ${tAll("common.reference", { id: requestId })}` : text;
  };
  return { state, submit, pending, say, formAction };
}
