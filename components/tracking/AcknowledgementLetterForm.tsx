"use client";

/** "The acknowledgement as a PDF letter": one button; the page then lists the letter to download. */
import { useTranslations } from "next-intl";
import type { InfoReplyState } from "@/app/[locale]/(public)/track/[number]/actions";
import { ActionErrors } from "@/components/ui/ActionErrors";
import { useFormAction } from "@/components/ui/useFormAction";

export function AcknowledgementLetterForm({
  trackingNumber,
  action,
}: {
  trackingNumber: string;
  action: (s: InfoReplyState, f: FormData) => Promise<InfoReplyState>;
}) {
  const t = useTranslations("tracking.letters");
  const { state, submit, pending, say, formAction } = useFormAction(action, { status: "idle" } as InfoReplyState, "tracking.letters.errors.server");
  return (
    <form aria-label={t("acknowledgementAsk")} action={formAction} onSubmit={submit}>
      <input type="hidden" name="trackingNumber" value={trackingNumber} />
      <ActionErrors state={state} say={say} />
      <button type="submit" className="button button--secondary" disabled={pending}>
        {t("acknowledgementAsk")}
      </button>
    </form>
  );
}
