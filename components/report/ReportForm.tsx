"use client";

/**
 * The citizen's report form. Every field is controlled, so an error from the server never loses
 * what was typed; files are uploaded as soon as they are chosen (with progress) and only their
 * claim tokens travel with the form. The server re-checks everything with the same schema.
 *
 * With `offline` (the public form), the phone keeps a draft as the citizen types, files included,
 * and a report that cannot be sent for lack of network waits on the phone and is sent, once, when
 * the network returns (see ./offline).
 */
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ReportFormState } from "@/app/[locale]/(public)/report/form-state";
import { LocationPickerLazy } from "@/components/map/LocationPickerLazy";
import { isInsideBounds, type Point } from "@/lib/domain/geo";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";
import { Link, useRouter } from "@/lib/i18n/navigation";
import { NearbyReports } from "./NearbyReports";
import { clearDraft, loadDraft, saveDraft } from "./offline/store";
import { isNetworkError } from "./offline/transport";
import type { DraftFields, ReportDraft, StoredFile } from "./offline/types";
import { useReportQueue, type RefusedFromQueue } from "./offline/useReportQueue";
import type { ReportFormData } from "./types";
import { precheckFile, readPhotoLocation, uploadFile, type UploadItem } from "./uploads";
import styles from "./ReportForm.module.css";

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

/** Where each field's error sends the reader from the summary. */
const FIELD_ANCHORS: Record<string, string> = {
  categoryIds: "categories",
  location: "location",
  address: "address",
  description: "description",
  attachmentTokens: "files",
  name: "name",
  email: "email",
  phone: "phone",
};
const FIELD_ORDER = ["categoryIds", "location", "address", "description", "attachmentTokens", "name", "email", "phone"];

const initialState: ReportFormState = { status: "idle" };

/**
 * The server's own rules for a report (zod, ≈ 30 KB): the browser needs them only to check a report
 * it keeps while offline, so they are fetched on the form's first input, not with the page.
 */
let reportRules: Promise<typeof import("@/lib/domain/report-input")> | null = null;
const loadReportRules = () =>
  (reportRules ??= import("@/lib/domain/report-input").catch((error: unknown) => {
    reportRules = null;
    throw error;
  }));

export function ReportForm({ data, idempotencyKey: initialKey, action, channels, submitLabel, offline = false }: Props) {
  const t = useTranslations("report");
  const tAll = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const say = (code: string) => (tAll.has(code) ? tAll(code) : tAll("report.errors.server"));
  /** Replaced on the phone by a fresh one (or the draft's): a page served from the offline cache repeats its key. */
  const [idempotencyKey, setIdempotencyKey] = useState(initialKey);

  const [channel, setChannel] = useState(channels?.[0]?.value ?? "");
  const [categoryIds, setCategoryIds] = useState<number[]>([]);
  const [point, setPoint] = useState<Point | null>(null);
  const [districtId, setDistrictId] = useState("");
  const [address, setAddress] = useState("");
  const [description, setDescription] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [files, setFiles] = useState<UploadItem[]>([]);
  const [photoPoint, setPhotoPoint] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  /** Errors found in the browser before asking the server (3rd category, 6th file, geolocation…). */
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const baseId = useId();
  /** Draft restored from the phone, or a queued report handed back by the server. */
  const [draftNotice, setDraftNotice] = useState<"restored" | null>(null);
  const [queueProblem, setQueueProblem] = useState<string | null>(null);
  const [sentFromQueue, setSentFromQueue] = useState<{ trackingNumber: string }[]>([]);
  const draftReady = useRef(!offline);
  /** Set while a report is being sent: the autosave must not bring its draft back. */
  const sending = useRef(false);

  const fields: DraftFields = { categoryIds, point, districtId, address, description, anonymous, name, email, phone };
  const snapshot = useRef({ fields, files, idempotencyKey });
  snapshot.current = { fields, files, idempotencyKey };

  const storedFiles = (items: UploadItem[]): StoredFile[] =>
    items.flatMap((f) =>
      f.file && (f.state === "done" || f.state === "waiting") ? [{ id: f.id, name: f.name, type: f.file.type, blob: f.file, token: f.token }] : [],
    );
  const draftOf = (): ReportDraft => ({
    idempotencyKey: snapshot.current.idempotencyKey,
    fields: snapshot.current.fields,
    files: storedFiles(snapshot.current.files),
    savedAt: Date.now(),
  });

  const queue = useReportQueue(offline, {
    onSent: (sent) => {
      if (sent.idempotencyKey === snapshot.current.idempotencyKey) router.push(`/report/done/${sent.trackingNumber}`);
      else setSentFromQueue((prev) => [...prev, { trackingNumber: sent.trackingNumber }]);
    },
    onRefused: (refused) => restoreRefused(refused),
  });

  /** Puts a queued report the server refused back into the form, with its reasons. */
  const restoreRefused = (refused: RefusedFromQueue) => {
    restore({ ...refused.report, savedAt: Date.now() });
    setQueueProblem(refused.code);
    setLocalErrors(refused.fieldErrors);
    setSubmitted({ status: "idle" });
  };

  /** Checks the report with the server's own rules, then keeps it on the phone until the network returns. */
  const queueReport = async (formData: FormData): Promise<ReportFormState> => {
    // Fetched on the first input; if even that never reached the phone, the server checks the report when it is sent.
    const rules = await loadReportRules().catch(() => null);
    if (rules) {
      const raw = { ...rules.formDataToObject(formData, ["categoryIds", "attachmentTokens"]), attachmentTokens: [] };
      const parsed = rules.reportInputSchema(data.city.bounds).safeParse(raw);
      if (!parsed.success) return { status: "error", fieldErrors: rules.fieldErrorsOf(parsed.error) };
    }
    const draft = draftOf();
    await queue.enqueue({ idempotencyKey: draft.idempotencyKey, locale, fields: draft.fields, files: draft.files, queuedAt: Date.now() });
    await clearDraft();
    return { status: "queued" };
  };

  const submit = async (previous: ReportFormState, formData: FormData): Promise<ReportFormState> => {
    if (!offline) return action(previous, formData);
    setQueueProblem(null);
    if (!navigator.onLine || snapshot.current.files.some((f) => f.state === "waiting")) return queueReport(formData);
    // A successful action navigates away before it returns: forget the draft first (and stop the
    // autosave), or the next report's form would come back with this one's key. Kept on failure.
    sending.current = true;
    await clearDraft().catch(() => undefined);
    try {
      const result = await action(previous, formData);
      if (result.status === "error") {
        sending.current = false;
        await saveDraft(draftOf()).catch(() => undefined);
      }
      return result;
    } catch (error) {
      // Next's redirect to the confirmation travels as an error: the report was filed.
      if (String((error as { digest?: unknown })?.digest ?? "").startsWith("NEXT_")) throw error;
      sending.current = false;
      if (isNetworkError(error)) return queueReport(formData);
      await saveDraft(draftOf()).catch(() => undefined);
      throw error;
    }
  };
  const [actionState, formAction, pending] = useActionState(submit, initialState);
  /** Lets the queue reset the form's state when it hands a report back. */
  const [submitted, setSubmitted] = useState<ReportFormState | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new answer from the server is the trigger, not a value read
  useEffect(() => setSubmitted(null), [actionState]);
  const state = submitted ?? actionState;

  const serverErrors = state.status === "error" ? state.fieldErrors : {};
  const errors: Record<string, string[]> = { ...serverErrors, ...localErrors };
  const formError = state.status === "error" && state.code ? state.code : queueProblem;
  const errorList = FIELD_ORDER.flatMap((field) => (errors[field] ?? []).map((code) => ({ field, code })));

  // After a refused submission, move focus to the summary so that every reader hears it.
  useEffect(() => {
    if (state.status === "error") summaryRef.current?.focus();
  }, [state]);

  const setFieldError = (field: string, code: string | null) =>
    setLocalErrors((prev) => {
      const next = { ...prev };
      if (code) next[field] = [code];
      else delete next[field];
      return next;
    });

  const toggleCategory = (id: number, checked: boolean) => {
    if (checked && !categoryIds.includes(id) && categoryIds.length >= REPORT_LIMITS.maxCategories) {
      setFieldError("categoryIds", "report.errors.category_too_many");
      return;
    }
    setFieldError("categoryIds", null);
    setCategoryIds((prev) => (checked ? [...prev, id] : prev.filter((c) => c !== id)));
  };

  const choosePoint = (p: Point, origin: "map" | "gps" | "photo" | "district") => {
    setPoint(p);
    if (origin !== "district") setDistrictId("");
    setFieldError("location", isInsideBounds(p, data.city.bounds) ? null : "report.errors.location_outside");
  };

  const locateMe = () => {
    if (!("geolocation" in navigator)) {
      setFieldError("location", "report.errors.geolocation_unavailable");
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        choosePoint({ lat: position.coords.latitude, lng: position.coords.longitude }, "gps");
      },
      (error) => {
        setLocating(false);
        setFieldError("location", error.code === error.PERMISSION_DENIED ? "report.errors.geolocation_denied" : "report.errors.geolocation_unavailable");
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const chooseDistrict = (value: string) => {
    setDistrictId(value);
    const district = data.districts.find((d) => String(d.id) === value);
    if (district) choosePoint({ lat: district.lat, lng: district.lng }, "district");
  };

  const addFiles = async (list: FileList | null) => {
    if (!list) return;
    let count = files.filter((f) => f.state !== "error").length;
    let refused: string | null = null;
    for (const file of Array.from(list)) {
      const problem = precheckFile(file, count);
      if (problem) {
        refused = problem;
        if (problem !== "report.errors.files_too_many") {
          setFiles((prev) => [...prev, { id: crypto.randomUUID(), name: file.name, size: file.size, progress: 0, state: "error", error: problem }]);
        }
        continue;
      }
      count++;
      const id = crypto.randomUUID();
      const previewUrl = file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined;
      setFiles((prev) => [...prev, { id, name: file.name, size: file.size, progress: 0, state: "uploading", previewUrl, file }]);
      if (!point && !photoPoint) {
        readPhotoLocation(file).then((gps) => {
          if (gps) setPhotoPoint(gps);
        });
      }
      startUpload(id, file);
    }
    setFieldError("attachmentTokens", refused === "report.errors.files_too_many" ? refused : null);
    if (fileInput.current) fileInput.current.value = "";
  };

  /** Uploads one file; without network (public form) it waits on the phone instead of failing. */
  const startUpload = (id: string, file: File) => {
    const patch = (change: Partial<UploadItem>) => setFiles((prev) => prev.map((f) => (f.id === id ? { ...f, ...change } : f)));
    if (offline && !navigator.onLine) return patch({ state: "waiting", progress: 0 });
    patch({ state: "uploading", progress: 0 });
    uploadFile(file, (fraction) => patch({ progress: fraction }))
      .then(({ token }) => patch({ progress: 1, state: "done", token }))
      .catch((error: Error) => patch(offline && !navigator.onLine ? { state: "waiting", progress: 0 } : { state: "error", error: error.message }));
  };

  /** Fills the form from a draft or a handed-back report; files without a fresh token are sent again. */
  const restore = (draft: ReportDraft) => {
    const f = draft.fields;
    setIdempotencyKey(draft.idempotencyKey);
    setCategoryIds(f.categoryIds);
    setPoint(f.point);
    setDistrictId(f.districtId);
    setAddress(f.address);
    setDescription(f.description);
    setAnonymous(f.anonymous);
    setName(f.name);
    setEmail(f.email);
    setPhone(f.phone);
    const items: UploadItem[] = draft.files.map((stored) => {
      const file = new File([stored.blob], stored.name, { type: stored.type });
      return {
        id: stored.id,
        name: stored.name,
        size: file.size,
        progress: 0,
        state: "waiting",
        file,
        previewUrl: file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined,
      };
    });
    setFiles(items);
    // Tokens of a draft may have been swept by the server meanwhile: upload again.
    for (const item of items) startUpload(item.id, item.file!);
  };

  // On arrival: the phone's draft, or a fresh key (a cached page would otherwise repeat the last one).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival (restore reads the setters, which never change)
  useEffect(() => {
    if (!offline) return;
    let cancelled = false;
    loadDraft().then((draft) => {
      if (cancelled) return;
      if (draft) {
        restore(draft);
        setDraftNotice("restored");
      } else {
        setIdempotencyKey(crypto.randomUUID());
      }
      draftReady.current = true;
    });
    return () => {
      cancelled = true;
    };
  }, [offline]);

  // As the citizen types: save the draft (a short pause first, files included).
  const fileKey = files.map((f) => `${f.id}:${f.state}:${f.token ?? ""}`).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the fields are the trigger; draftOf() reads them all
  useEffect(() => {
    if (!offline || !draftReady.current || sending.current || state.status === "queued") return;
    const timer = window.setTimeout(() => {
      if (sending.current) return;
      const draft = draftOf();
      const empty =
        draft.files.length === 0 &&
        draft.fields.categoryIds.length === 0 &&
        !draft.fields.point &&
        !draft.fields.description.trim() &&
        !draft.fields.address.trim() &&
        !draft.fields.name &&
        !draft.fields.email &&
        !draft.fields.phone;
      void (empty ? clearDraft() : saveDraft(draft)).catch(() => undefined);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [offline, categoryIds, point, districtId, address, description, anonymous, name, email, phone, fileKey, state.status]);

  // Back online: send the files that waited.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on the network's return only; the files are read from the snapshot
  useEffect(() => {
    if (!offline || !queue.online || state.status === "queued") return;
    for (const f of snapshot.current.files) if (f.state === "waiting" && f.file) startUpload(f.id, f.file);
  }, [offline, queue.online]);

  const discardDraft = () => {
    void clearDraft();
    for (const f of files) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
    restore({
      idempotencyKey: crypto.randomUUID(),
      fields: { categoryIds: [], point: null, districtId: "", address: "", description: "", anonymous: false, name: "", email: "", phone: "" },
      files: [],
      savedAt: 0,
    });
    setDraftNotice(null);
    setLocalErrors({});
  };

  const removeFile = (id: string) => {
    setFiles((prev) => {
      const gone = prev.find((f) => f.id === id);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return prev.filter((f) => f.id !== id);
    });
    setFieldError("attachmentTokens", null);
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    if (files.some((f) => f.state === "uploading")) {
      event.preventDefault();
      setFieldError("attachmentTokens", "report.errors.files_pending");
      summaryRef.current?.focus();
    }
  };

  /** From the error summary, put the keyboard in the field itself (a fieldset's first control). */
  const focusField = (event: React.MouseEvent, anchor: string) => {
    const target = document.getElementById(anchor);
    const control = target?.matches("input, select, textarea")
      ? target
      : target?.querySelector<HTMLElement>("input:not([type=hidden]):not([tabindex='-1']), select, textarea, button");
    if (!control) return;
    event.preventDefault();
    control.focus();
    target?.scrollIntoView({ block: "center" });
  };

  const describedBy = (field: string, hint?: string) =>
    [hint, errors[field]?.length ? `${baseId}-${field}-error` : null].filter(Boolean).join(" ") || undefined;
  const fieldError = (field: string) =>
    errors[field]?.length ? (
      <p className="field-error" id={`${baseId}-${field}-error`}>
        {errors[field].map(say).join(" ")}
      </p>
    ) : null;
  const invalid = (field: string) => (errors[field]?.length ? true : undefined);

  const notices = data.services.flatMap((s) => s.categories).filter((c) => categoryIds.includes(c.id) && c.notice);
  const descriptionLength = [...description.trim()].length;

  if (state.status === "queued") {
    return (
      <div className="alert alert--warning" role="status" data-testid="report-queued">
        <h2>{t("offline.queuedTitle")}</h2>
        <p>{t("offline.queuedText")}</p>
        <p>{queue.online ? t("offline.sending") : t("offline.noNetwork")}</p>
      </div>
    );
  }

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      onInput={offline ? () => void loadReportRules().catch(() => undefined) : undefined}
      noValidate
      className={styles.form}
    >
      {offline && !queue.online ? (
        <p className="alert alert--warning" role="status">
          {t("offline.offlineNow")}
        </p>
      ) : null}
      {queue.waiting.length > 0 ? (
        <p className="alert alert--warning" role="status">
          {t("offline.waiting", { count: queue.waiting.length })}
        </p>
      ) : null}
      {sentFromQueue.map((sent) => (
        <div key={sent.trackingNumber} className="alert alert--success" role="status">
          <p>{t("offline.sentEarlier")}</p>
          <p>
            <Link href={`/track/${sent.trackingNumber}`} className="tracking-number">
              {sent.trackingNumber}
            </Link>
          </p>
        </div>
      ))}
      {draftNotice === "restored" ? (
        <div className="alert alert--success" role="status">
          <p>{t("offline.draftRestored")}</p>
          <button type="button" className="button button--secondary" onClick={discardDraft}>
            {t("offline.discardDraft")}
          </button>
        </div>
      ) : null}
      <div ref={summaryRef} tabIndex={-1} className={styles.summaryAnchor}>
        {errorList.length > 0 || formError ? (
          <div className="alert alert--error" role="alert" aria-labelledby={`${baseId}-summary-title`}>
            <h2 id={`${baseId}-summary-title`} className={styles.summaryTitle}>
              {t("errorSummary")}
            </h2>
            <ul>
              {formError ? (
                <li>
                  {say(formError)}
                  {state.status === "error" && state.requestId ? ` ${tAll("common.reference", { id: state.requestId })}` : null}
                </li>
              ) : null}
              {errorList.map(({ field, code }) => (
                <li key={`${field}-${code}`}>
                  <a href={`#${FIELD_ANCHORS[field]}`} onClick={(event) => focusField(event, FIELD_ANCHORS[field])}>
                    {say(code)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="lat" value={point ? point.lat.toFixed(6) : ""} />
      <input type="hidden" name="lng" value={point ? point.lng.toFixed(6) : ""} />
      {files.map((f) => (f.state === "done" && f.token ? <input key={f.id} type="hidden" name="attachmentTokens" value={f.token} /> : null))}
      <div className={styles.honeypot} aria-hidden="true">
        <label>
          Website
          <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>

      {channels ? (
        <div className={`field ${styles.section}`}>
          <label htmlFor={`${baseId}-channel`}>{t("channel")}</label>
          <select id={`${baseId}-channel`} name="channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            {channels.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          {fieldError("channel")}
        </div>
      ) : null}

      <fieldset
        className={styles.section}
        id="categories"
        aria-describedby={describedBy("categoryIds", `${baseId}-cat-hint`)}
        aria-invalid={invalid("categoryIds")}
      >
        <legend>{t("categories.legend")}</legend>
        <p className="hint" id={`${baseId}-cat-hint`}>
          {t("categories.hint", { max: REPORT_LIMITS.maxCategories })}
        </p>
        {fieldError("categoryIds")}
        {data.services.map((service) => (
          <fieldset key={service.id} className={styles.serviceGroup}>
            <legend>{service.name}</legend>
            {service.categories.map((category) => (
              <label key={category.id} className={styles.choice}>
                <input
                  type="checkbox"
                  name="categoryIds"
                  value={category.id}
                  checked={categoryIds.includes(category.id)}
                  onChange={(e) => toggleCategory(category.id, e.target.checked)}
                />
                <span>
                  <span className={styles.choiceName}>{category.name}</span>
                  {category.description ? <span className="hint">{category.description}</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
        ))}
        {notices.map((c) => (
          <p key={c.id} className="alert alert--warning" role="note">
            <strong>{c.name} :</strong> {c.notice}
          </p>
        ))}
      </fieldset>

      <fieldset className={styles.section} id="location" aria-describedby={describedBy("location", `${baseId}-loc-hint`)}>
        <legend>{t("location.legend")}</legend>
        <p className="hint" id={`${baseId}-loc-hint`}>
          {t("location.hint")}
        </p>
        {fieldError("location")}
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={locateMe} disabled={locating}>
            {locating ? t("location.locating") : t("location.useMyLocation")}
          </button>
        </div>
        {photoPoint && isInsideBounds(photoPoint, data.city.bounds) && (!point || point.lat !== photoPoint.lat || point.lng !== photoPoint.lng) ? (
          <div className="alert alert--success" role="status">
            <p>{t("location.photoSuggestion")}</p>
            <button type="button" className="button button--secondary" onClick={() => choosePoint(photoPoint, "photo")}>
              {t("location.usePhotoLocation")}
            </button>
          </div>
        ) : null}
        <LocationPickerLazy
          center={data.city.center}
          zoom={data.city.zoom}
          bounds={data.city.bounds}
          tiles={data.tiles}
          value={point}
          onChange={(p) => choosePoint(p, "map")}
          label={t("location.mapLabel")}
          markerLabel={t("location.markerLabel")}
        />
        <NearbyReports point={point} categoryId={categoryIds[0] ?? null} />
        <p className="hint" role="status" data-testid="chosen-point">
          {point ? t("location.chosen", { lat: point.lat.toFixed(5), lng: point.lng.toFixed(5) }) : t("location.none")}
        </p>
        <div className="field">
          <label htmlFor={`${baseId}-district`}>{t("location.district")}</label>
          <select id={`${baseId}-district`} name="districtId" value={districtId} onChange={(e) => chooseDistrict(e.target.value)}>
            <option value="">{t("location.districtNone")}</option>
            {data.districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="address">{t("location.address")}</label>
          <input
            id="address"
            name="address"
            type="text"
            autoComplete="street-address"
            maxLength={REPORT_LIMITS.addressMax}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            aria-invalid={invalid("address")}
            aria-describedby={describedBy("address")}
          />
          {fieldError("address")}
        </div>
      </fieldset>

      <div className={`field ${styles.section}`}>
        <label htmlFor="description">{t("description.label")}</label>
        <p className="hint" id={`${baseId}-desc-hint`}>
          {t("description.hint", { min: REPORT_LIMITS.descriptionMin, max: REPORT_LIMITS.descriptionMax })}
        </p>
        <textarea
          id="description"
          name="description"
          rows={6}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={invalid("description")}
          aria-describedby={describedBy("description", `${baseId}-desc-hint ${baseId}-desc-count`)}
          dir="auto"
        />
        <p className={`hint ${descriptionLength > REPORT_LIMITS.descriptionMax ? styles.over : ""}`} id={`${baseId}-desc-count`} aria-live="polite">
          {t("description.counter", { count: descriptionLength, max: REPORT_LIMITS.descriptionMax })}
        </p>
        {fieldError("description")}
      </div>

      <fieldset className={styles.section} id="files" aria-describedby={describedBy("attachmentTokens", `${baseId}-files-hint`)}>
        <legend>{t("files.legend")}</legend>
        <p className="hint" id={`${baseId}-files-hint`}>
          {t("files.hint", { max: REPORT_LIMITS.maxFiles, size: REPORT_LIMITS.maxFileBytes / 1024 / 1024 })}
        </p>
        {fieldError("attachmentTokens")}
        <label className="button button--secondary" htmlFor={`${baseId}-file-input`}>
          {t("files.add")}
        </label>
        <input
          ref={fileInput}
          id={`${baseId}-file-input`}
          className="visually-hidden"
          type="file"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          multiple
          aria-label={t("files.add")}
          onChange={(e) => addFiles(e.target.files)}
        />
        {files.length > 0 ? (
          <ul className={styles.files} aria-label={t("files.list")} aria-live="polite">
            {files.map((f) => (
              <li key={f.id} className={styles.file} data-state={f.state}>
                {f.previewUrl ? (
                  <img src={f.previewUrl} alt="" className={styles.thumb} />
                ) : (
                  <span className={styles.thumb} aria-hidden="true">
                    PDF
                  </span>
                )}
                <span className={styles.fileBody}>
                  <span className={styles.fileName} dir="auto">
                    {f.name}
                  </span>
                  {f.state === "uploading" ? (
                    <progress max={1} value={f.progress} aria-label={t("files.progress", { name: f.name })} />
                  ) : f.state === "done" ? (
                    <span className="hint">{t("files.done")}</span>
                  ) : f.state === "waiting" ? (
                    <span className="hint">{t("files.waiting")}</span>
                  ) : (
                    <span className="field-error">{say(f.error ?? "report.errors.upload_failed")}</span>
                  )}
                </span>
                <button type="button" className="button button--secondary" onClick={() => removeFile(f.id)} aria-label={t("files.remove", { name: f.name })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </fieldset>

      <fieldset className={styles.section}>
        <legend>{t("contact.legend")}</legend>
        <label className={styles.choice}>
          <input type="checkbox" name="anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <span>{t("contact.anonymous")}</span>
        </label>
        {anonymous ? (
          <p className="alert alert--warning" role="note">
            {t("contact.anonymousNote")}
          </p>
        ) : (
          <>
            <p className="hint">{t("contact.hint")}</p>
            <div className="field">
              <label htmlFor="name">{t("contact.name")}</label>
              <input
                id="name"
                name="name"
                type="text"
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={invalid("name")}
                aria-describedby={describedBy("name")}
              />
              {fieldError("name")}
            </div>
            <div className="field">
              <label htmlFor="email">{t("contact.email")}</label>
              <input
                id="email"
                name="email"
                type="email"
                autoComplete="email"
                inputMode="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={invalid("email")}
                aria-describedby={describedBy("email")}
                dir="ltr"
              />
              {fieldError("email")}
            </div>
            <div className="field">
              <label htmlFor="phone">{t("contact.phone")}</label>
              <input
                id="phone"
                name="phone"
                type="tel"
                autoComplete="tel"
                inputMode="tel"
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                aria-invalid={invalid("phone")}
                aria-describedby={describedBy("phone")}
                dir="ltr"
              />
              {fieldError("phone")}
            </div>
          </>
        )}
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
          {pending ? t("submitting") : (submitLabel ?? t("submit"))}
        </button>
      </div>
    </form>
  );
}
