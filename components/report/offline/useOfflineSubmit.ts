"use client";

/**
 * The public form's submission: sent to the server when there is a network, otherwise (or when the
 * network goes on the way) checked with the server's own rules and kept on the phone in the queue,
 * which sends it, once, when the network returns and reports what became of it.
 */
import { useLocale } from "next-intl";
import { useState } from "react";
import type { RequestTypes } from "@/lib/domain/report-input";
import type { ReportFormState } from "@/app/[locale]/(public)/report/form-state";
import type { ReportFormData } from "../types";
import { isNetworkError } from "./transport";
import type { ReportDraft } from "./types";
import type { useDraft } from "./useDraft";
import { type RefusedFromQueue, useReportQueue } from "./useReportQueue";

type Action = (state: ReportFormState, formData: FormData) => Promise<ReportFormState>;

/**
 * The server's own rules for a report (zod, ≈ 30 KB): the browser needs them only to check a report
 * it keeps while offline, so they are fetched on the form's first input, not with the page.
 */
let reportRules: Promise<typeof import("@/lib/forms/report-rules")> | null = null;
const loadReportRules = () =>
  (reportRules ??= import("@/lib/forms/report-rules").catch((error: unknown) => {
    reportRules = null;
    throw error;
  }));

export function useOfflineSubmit({
  enabled,
  action,
  bounds,
  types,
  draft,
  filesWaiting,
  onSentHere,
  onRefused,
}: {
  enabled: boolean;
  action: Action;
  bounds: ReportFormData["city"]["bounds"];
  /** The request types' rules, as the server checks them (keep the same map while they do not change). */
  types: RequestTypes;
  draft: ReturnType<typeof useDraft>;
  /** True when a file waits for the network: the report then waits too. */
  filesWaiting: () => boolean;
  /** The queue sent the report this form holds. */
  onSentHere: (trackingNumber: string) => void;
  /** The server refused a queued report: it comes back into the form with its reasons. */
  onRefused: (refused: RefusedFromQueue) => void;
}) {
  const locale = useLocale();
  const [problem, setProblem] = useState<string | null>(null);
  const [sentEarlier, setSentEarlier] = useState<{ trackingNumber: string }[]>([]);

  const queue = useReportQueue(enabled, {
    onSent: (sent) => {
      if (sent.idempotencyKey === draft.current().idempotencyKey) onSentHere(sent.trackingNumber);
      else setSentEarlier((prev) => [...prev, { trackingNumber: sent.trackingNumber }]);
    },
    onRefused: (refused) => {
      onRefused(refused);
      setProblem(refused.code);
    },
  });

  /** Checks the report with the server's own rules, then keeps it on the phone until the network returns. */
  const queueReport = async (formData: FormData): Promise<ReportFormState> => {
    // Fetched on the first input; if even that never reached the phone, the server checks the report when it is sent.
    const rules = await loadReportRules().catch(() => null);
    if (rules) {
      const raw = { ...rules.formDataToObject(formData, rules.REPORT_ARRAY_FIELDS), attachmentTokens: [] };
      const parsed = rules.reportInputSchema(bounds, types).safeParse(raw);
      if (!parsed.success) return { status: "error", fieldErrors: rules.fieldErrorsOf(parsed.error) };
    }
    const report: ReportDraft = draft.current();
    await queue.enqueue({ idempotencyKey: report.idempotencyKey, locale, fields: report.fields, files: report.files, queuedAt: Date.now() });
    await draft.clear();
    return { status: "queued" };
  };

  const submit: Action = async (previous, formData) => {
    if (!enabled) return action(previous, formData);
    setProblem(null);
    if (!navigator.onLine || filesWaiting()) return queueReport(formData);
    // A successful action navigates away before it returns: forget the draft first (and stop the
    // autosave), or the next report's form would come back with this one's key. Kept on failure.
    await draft.startSending();
    try {
      const result = await action(previous, formData);
      if (result.status === "error") await draft.sendingFailed();
      return result;
    } catch (error) {
      // Next's redirect to the confirmation travels as an error: the report was filed.
      if (String((error as { digest?: unknown })?.digest ?? "").startsWith("NEXT_")) throw error;
      draft.sendingInterrupted();
      if (isNetworkError(error)) return queueReport(formData);
      await draft.sendingFailed();
      throw error;
    }
  };

  return {
    submit,
    online: queue.online,
    waiting: queue.waiting,
    /** Why the queue handed the report back, until the next submission. */
    problem,
    /** Reports of an earlier visit that the queue has sent meanwhile. */
    sentEarlier,
    /** Fetches the rules ahead of need (on the form's first input). */
    prefetchRules: () => void loadReportRules().catch(() => undefined),
  };
}
