"use client";

/**
 * The phone's draft of the report being written (public form): brought back on arrival, saved as
 * the citizen types (a short pause first, files included; `useDraftAutosave`), forgotten while a
 * report is being sent so that the autosave cannot bring it back, and kept again if the sending
 * fails.
 */
import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { ReportFormState } from "@/app/[locale]/(public)/report/form-state";
import { clearDraft, loadDraft, saveDraft } from "./store";
import type { DraftFields, ReportDraft, StoredFile } from "./types";

const isEmpty = (draft: ReportDraft) =>
  draft.files.length === 0 &&
  draft.fields.categoryIds.length === 0 &&
  !draft.fields.point &&
  !draft.fields.description.trim() &&
  !draft.fields.address.trim() &&
  !draft.fields.name &&
  !draft.fields.email &&
  !draft.fields.phone &&
  Object.values(draft.fields.answers ?? {}).every((values) => values.every((v) => !v.trim()));

export function useDraft({
  enabled,
  idempotencyKey,
  fields,
  files,
  restore,
  fresh,
}: {
  enabled: boolean;
  idempotencyKey: string;
  fields: DraftFields;
  files: StoredFile[];
  /** Fills the form from the draft found on arrival. */
  restore: (draft: ReportDraft) => void;
  /** No draft on arrival: a fresh key (a page served from the offline cache repeats its key). */
  fresh: () => void;
}) {
  const [restored, setRestored] = useState(false);
  /** Nothing is saved before the phone's draft has been looked for (it would be overwritten). */
  const ready = useRef(!enabled);
  /** Set while a report is being sent: the autosave must not bring its draft back. */
  const sending = useRef(false);
  /** The report as last rendered, for the submission (which reads it after awaiting). */
  const latest = useRef({ idempotencyKey, fields, files });
  latest.current = { idempotencyKey, fields, files };
  const current = (): ReportDraft => ({ ...latest.current, savedAt: Date.now() });

  const arrive = useEffectEvent((draft: ReportDraft | undefined) => {
    if (draft) {
      restore(draft);
      setRestored(true);
    } else {
      fresh();
    }
    ready.current = true;
  });
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    loadDraft().then((draft) => {
      if (!cancelled) arrive(draft);
    });
    return () => {
      cancelled = true;
    };
  }, [enabled]);

  return {
    /** A draft was brought back on arrival (and not discarded since). */
    restored,
    current,
    /** The report is on its way: forget its draft first and stop the autosave. */
    startSending: () => {
      sending.current = true;
      return clearDraft().catch(() => undefined);
    },
    /** The server refused or failed: keep the draft again. */
    sendingFailed: () => {
      sending.current = false;
      return saveDraft(current()).catch(() => undefined);
    },
    /** The network went before the server answered: the report is queued instead. */
    sendingInterrupted: () => {
      sending.current = false;
    },
    clear: clearDraft,
    discard: () => {
      void clearDraft();
      setRestored(false);
    },
    /** What `useDraftAutosave` reads. */
    autosave: { enabled, ready, sending, idempotencyKey, fields, files },
  };
}

/**
 * Saves the draft as the citizen types, after a short pause, files included; an empty form clears
 * it. Each answer to a submission saves it again (a report refused on its way had its draft
 * forgotten); nothing is saved while the report waits in the queue.
 */
export function useDraftAutosave(draft: ReturnType<typeof useDraft>, status: ReportFormState["status"]) {
  const { enabled, ready, sending, idempotencyKey, fields, files } = draft.autosave;
  useEffect(() => {
    if (!enabled || !ready.current || sending.current || status === "queued") return;
    const timer = window.setTimeout(() => {
      if (sending.current) return;
      const draft: ReportDraft = { idempotencyKey, fields, files, savedAt: Date.now() };
      void (isEmpty(draft) ? clearDraft() : saveDraft(draft)).catch(() => undefined);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [enabled, ready, sending, idempotencyKey, fields, files, status]);
}
