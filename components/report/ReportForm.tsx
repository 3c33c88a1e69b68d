"use client";

/**
 * The citizen's report form. Every field is controlled, so an error from the server never loses
 * what was typed; files are uploaded as soon as they are chosen (with progress) and only their
 * claim tokens travel with the form. The server re-checks everything with the same schema.
 *
 * With `offline` (the public form), the phone keeps a draft as the citizen types, files included,
 * and a report that cannot be sent for lack of network waits on the phone and is sent, once, when
 * the network returns (see ./offline).
 *
 * The state lives in ./hooks (fields, errors, location, uploads) and ./offline (draft, queue); each
 * section of the form is a component in ./sections.
 */
import { useLocale, useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useEffectEvent, useId, useMemo, useRef, useState } from "react";
import type { ReportFormState } from "@/app/[locale]/(public)/report/form-state";
import { answerFilesOf, SCRIPTED_FIELD } from "@/lib/forms/posted-form";
import { isLocale } from "@/lib/i18n/config";
import { useRouter } from "@/lib/i18n/navigation";
import { fieldErrorView, useBrowserErrors, useSay } from "./hooks/useFieldErrors";
import { useLocation } from "./hooks/useLocation";
import { EMPTY_FIELDS, useReportFields } from "./hooks/useReportFields";
import { useReportUploads } from "./hooks/useReportUploads";
import type { ReportDraft } from "./offline/types";
import { useDraft, useDraftAutosave } from "./offline/useDraft";
import { useOfflineSubmit } from "./offline/useOfflineSubmit";
import styles from "./ReportForm.module.css";
import { CategoriesFieldset } from "./sections/CategoriesFieldset";
import { ChannelField } from "./sections/ChannelField";
import { ContactFieldset } from "./sections/ContactFieldset";
import { DescriptionField } from "./sections/DescriptionField";
import { ErrorSummary } from "./sections/ErrorSummary";
import { FilesFieldset } from "./sections/FilesFieldset";
import { LocationFieldset } from "./sections/LocationFieldset";
import { OfflineNotices, QueuedNotice } from "./sections/OfflineNotices";
import { TypeFieldsFieldset } from "./sections/TypeFieldsFieldset";
import type { ReportFormData } from "./types";

type Props = {
  data: ReportFormData;
  idempotencyKey: string;
  action: (state: ReportFormState, formData: FormData) => Promise<ReportFormState>;
  /** Staff intake: how the request came in (phone, counter, letter, email). */
  channels?: { value: string; label: string }[];
  submitLabel?: string;
  /** Keep a draft on the phone and queue the report when there is no network (public form). */
  offline?: boolean;
};

const initialState: ReportFormState = { status: "idle" };

export function ReportForm({ data, idempotencyKey: initialKey, action, channels, submitLabel, offline = false }: Props) {
  const t = useTranslations("report");
  const requested = useLocale();
  const locale = isLocale(requested) ? requested : data.fallbackLocale;
  const router = useRouter();
  const say = useSay();
  const baseId = useId();
  const summaryRef = useRef<HTMLDivElement>(null);
  /** Replaced on the phone by a fresh one (or the draft's): a page served from the offline cache repeats its key. */
  const [idempotencyKey, setIdempotencyKey] = useState(initialKey);
  const browserErrors = useBrowserErrors();
  const { setFieldError } = browserErrors;
  // The form as the browser posts it without scripts: the server's answer comes back in the page it
  // renders again, here, with what was typed (and the files already stored) to fill the form with.
  const [postedState, postedAction] = useActionState(action, initialState);
  const typed = postedState.status === "error" ? postedState.typed : undefined;
  const { fields, setField, setFields, toggleCategory, setAnswer } = useReportFields(setFieldError, typed?.fields, (id) => data.types[id]?.kind === "request");
  // The type chosen decides what is asked: a place or not, a description or a message, its own fields.
  const type = fields.categoryIds[0] !== undefined ? data.types[fields.categoryIds[0]] : undefined;
  const requestTypes = useMemo(() => new Map(Object.entries(data.types).map(([id, rules]) => [Number(id), rules])), [data.types]);
  const location = useLocation({ data, point: fields.point, setField, setFieldError });
  const uploads = useReportUploads({ offline, setFieldError, onAccepted: location.considerPhoto, sent: typed?.files });

  /** Fills the form from a draft or a handed-back report; files without a fresh token are sent again. */
  const restore = (draft: ReportDraft) => {
    setIdempotencyKey(draft.idempotencyKey);
    // A draft kept before request types had fields of their own has no answers.
    setFields({ ...EMPTY_FIELDS, ...draft.fields });
    uploads.restore(draft.files);
  };

  const draft = useDraft({
    enabled: offline,
    idempotencyKey,
    fields,
    files: uploads.stored,
    restore,
    fresh: () => setIdempotencyKey(crypto.randomUUID()),
  });

  /** The server's answer over which the queue handed a report back: until the next answer, the form is idle again. */
  const [handedBackOver, setHandedBackOver] = useState<ReportFormState | null>(null);
  const submission = useOfflineSubmit({
    enabled: offline,
    action,
    bounds: data.city.bounds,
    types: requestTypes,
    draft,
    filesWaiting: uploads.waitingNow,
    onSentHere: (trackingNumber) => router.push(`/report/done/${trackingNumber}`),
    onRefused: (refused) => {
      restore({ ...refused.report, savedAt: Date.now() });
      browserErrors.setErrors(refused.fieldErrors);
      setHandedBackOver(actionState);
    },
  });
  const [scriptedState, formAction, pending] = useActionState(submission.submit, initialState);
  // Until the script sends the form itself, the answer shown is the one to the browser's own post.
  const actionState = scriptedState === initialState ? postedState : scriptedState;
  const state = handedBackOver === actionState ? initialState : actionState;
  useDraftAutosave(draft, state.status);

  const errors = { ...(state.status === "error" ? state.fieldErrors : {}), ...browserErrors.errors };
  const errorView = fieldErrorView(errors, baseId, say);
  const formError = state.status === "error" && state.code ? state.code : submission.problem;

  // After a refused submission, move focus to the summary so that every reader hears it.
  useEffect(() => {
    if (state.status === "error") summaryRef.current?.focus();
  }, [state]);

  // Back online: send the files that waited (not those of a report the queue holds).
  const sendWaitingFiles = useEffectEvent(() => {
    if (state.status !== "queued") uploads.sendWaiting();
  });
  useEffect(() => {
    if (offline && submission.online) sendWaitingFiles();
  }, [offline, submission.online]);

  const discardDraft = () => {
    draft.discard();
    uploads.forgetAll();
    setIdempotencyKey(crypto.randomUUID());
    setFields(EMPTY_FIELDS);
    browserErrors.setErrors({});
  };

  // Submitted by hand, not by React's form action: that one resets the form after the server
  // answers, which unticks the categories and empties the district (controlled checkboxes and
  // selects do not come back) when the server refused the report. Without scripts, `action` (the
  // server action itself, which React renders as a multipart post to this page) posts the fields
  // and the chosen files.
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (uploads.uploading) {
      setFieldError("attachmentTokens", "report.errors.files_pending");
      summaryRef.current?.focus();
      return;
    }
    const formData = new FormData(event.currentTarget);
    // The files went to /api/uploads as they were chosen (their tokens are in the form); the
    // marker tells the server that the browser keeps what was typed.
    formData.delete("files");
    // So did the files of the type's own file fields: only their tokens are sent.
    for (const name of answerFilesOf(formData).keys()) {
      const tokens = formData.getAll(name).filter((value) => typeof value === "string");
      formData.delete(name);
      for (const token of tokens) formData.append(name, token);
    }
    formData.set(SCRIPTED_FIELD, "1");
    startTransition(() => formAction(formData));
  };

  if (state.status === "queued") return <QueuedNotice online={submission.online} />;

  return (
    <form action={postedAction} onSubmit={onSubmit} onInput={offline ? submission.prefetchRules : undefined} noValidate className={styles.form}>
      <OfflineNotices
        offlineNow={offline && !submission.online}
        waiting={submission.waiting.length}
        sentEarlier={submission.sentEarlier}
        draftRestored={draft.restored}
        onDiscardDraft={discardDraft}
      />
      <ErrorSummary ref={summaryRef} baseId={baseId} errors={errors} formError={formError} requestId={state.status === "error" ? state.requestId : undefined} />

      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="lat" value={fields.point ? fields.point.lat.toFixed(6) : ""} />
      <input type="hidden" name="lng" value={fields.point ? fields.point.lng.toFixed(6) : ""} />
      {uploads.files.map((f) => (f.state === "done" && f.token ? <input key={f.id} type="hidden" name="attachmentTokens" value={f.token} /> : null))}
      <div className={styles.honeypot} aria-hidden="true">
        <label>
          Website
          <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>

      {channels ? <ChannelField channels={channels} baseId={baseId} errors={errorView} /> : null}
      <CategoriesFieldset
        services={data.services}
        requests={data.requests}
        selected={fields.categoryIds}
        onToggle={toggleCategory}
        baseId={baseId}
        errors={errorView}
      />
      {type?.form ? (
        <TypeFieldsFieldset
          fields={type.form.fields}
          answers={fields.answers}
          onAnswer={setAnswer}
          locale={locale}
          fallback={data.fallbackLocale}
          baseId={baseId}
          errors={errorView}
          setFieldError={setFieldError}
        />
      ) : null}
      {type?.location === "none" ? null : (
        <LocationFieldset
          data={data}
          point={fields.point}
          districtId={fields.districtId}
          address={fields.address}
          onAddress={(address) => setField("address", address)}
          categoryId={fields.categoryIds[0] ?? null}
          location={location}
          optional={type?.location === "optional"}
          baseId={baseId}
          errors={errorView}
        />
      )}
      <DescriptionField
        value={fields.description}
        onChange={(description) => setField("description", description)}
        asMessage={type?.kind === "request"}
        baseId={baseId}
        errors={errorView}
      />
      <FilesFieldset uploads={uploads} baseId={baseId} errors={errorView} />
      <ContactFieldset fields={fields} setField={setField} errors={errorView} />

      <div className="actions">
        <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
          {pending ? t("submitting") : (submitLabel ?? t("submit"))}
        </button>
      </div>
    </form>
  );
}
