"use client";

/**
 * The editor of a request type's own fields (admin): the list of fields, each with its code, kind,
 * required flag, label and help in each language, a number's bounds, a choice field's choices, a
 * file field's types and count, and "shown only when" an earlier field has a value; fields added,
 * removed, moved up and down. Its state is the whole definition, posted as one JSON text (`fields`)
 * that the server reads again from scratch (lib/domain/request-type-input): a refusal comes back at
 * the field it concerns (`fields.<index>`), and nothing typed is lost, since the state stays here.
 *
 * Keyboard: every control is a labelled input or button in reading order; after a move the focus
 * follows the moved field's button, and each move, addition or removal is announced. Right-to-left:
 * logical CSS only, and each language's text typed in its own direction.
 */
import { useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { RequestTypeFieldsState } from "@/app/[locale]/(staff)/staff/admin/actions";
import { useFormAction } from "@/components/ui/useFormAction";
import { directionOf, type Locale, locales } from "@/lib/i18n/config";
import {
  FIELD_FILE_TYPES,
  FIELD_KINDS,
  type FieldDefinition,
  type FieldFileType,
  type FieldKind,
  type FieldText,
  missingLabelLanguages,
} from "@/lib/domain/request-field-definitions";

type Texts = Record<Locale, string>;
type ChoiceDraft = { key: string; value: string; label: Texts };
type FieldDraft = {
  key: string;
  code: string;
  kind: FieldKind;
  required: boolean;
  label: Texts;
  help: Texts;
  min: string;
  max: string;
  choices: ChoiceDraft[];
  fileTypes: FieldFileType[];
  maxFiles: string;
  /** The key of the earlier field the condition is on (not its code: renaming that field keeps the condition). */
  whenField: string;
  whenValue: string;
};

const SUFFIX = { fr: "Fr", ar: "Ar", en: "En" } as const;
const isChoice = (kind: FieldKind) => kind === "single_choice" || kind === "multiple_choice";
const texts = (text: FieldText | undefined): Texts => ({ fr: text?.fr ?? "", ar: text?.ar ?? "", en: text?.en ?? "" });

let serial = 0;
const newKey = () => `k${++serial}`;

function draftsOf(fields: readonly FieldDefinition[]): FieldDraft[] {
  const keyOf = new Map<string, string>();
  return fields.map((f) => {
    const key = newKey();
    const draft: FieldDraft = {
      key,
      code: f.code,
      kind: f.kind,
      required: f.required,
      label: texts(f.label),
      help: texts(f.help),
      min: f.min == null ? "" : String(f.min),
      max: f.max == null ? "" : String(f.max),
      choices: (f.choices ?? []).map((c) => ({ key: newKey(), value: c.value, label: texts(c.label) })),
      fileTypes: [...(f.fileTypes ?? ["image", "pdf"])],
      maxFiles: String(f.maxFiles ?? 1),
      whenField: f.showWhen ? (keyOf.get(f.showWhen.field) ?? "") : "",
      whenValue: f.showWhen?.value ?? "",
    };
    keyOf.set(f.code, key);
    return draft;
  });
}

/** The definition as posted: the server canonicalises and checks it (bounds and counts stay as typed, so "abc" is refused at its field). */
function postedOf(drafts: readonly FieldDraft[]) {
  const codeOf = new Map(drafts.map((d) => [d.key, d.code.trim()]));
  return drafts.map((d) => ({
    code: d.code,
    kind: d.kind,
    required: d.required,
    label: d.label,
    help: d.help,
    min: d.min,
    max: d.max,
    choices: isChoice(d.kind) ? d.choices.map((c) => ({ value: c.value, label: c.label })) : undefined,
    fileTypes: d.kind === "file" ? d.fileTypes : undefined,
    maxFiles: d.kind === "file" ? d.maxFiles : undefined,
    showWhen: d.whenField && codeOf.has(d.whenField) ? { field: codeOf.get(d.whenField)!, value: d.whenValue } : null,
  }));
}

/** Where in a field's box a refusal is shown: beside the control it is about. */
function partOf(code: string): "code" | "kind" | "bounds" | "choices" | "files" | "condition" | "field" {
  const name = code.replace(/^admin\.errors\./, "");
  if (name.startsWith("field_code")) return "code";
  if (name === "field_kind_invalid") return "kind";
  if (name.startsWith("field_bounds")) return "bounds";
  if (name.startsWith("field_choice")) return "choices";
  if (name.startsWith("field_file")) return "files";
  if (name.startsWith("field_condition")) return "condition";
  return "field";
}

type Props = {
  action: (state: RequestTypeFieldsState, formData: FormData) => Promise<RequestTypeFieldsState>;
  categoryId: number;
  /** The version the editor starts from (null: the type has no fields of its own). */
  version: number | null;
  fields: readonly FieldDefinition[];
  /** The city's default language, in which missing labels are shown. */
  fallbackLocale: Locale;
};

export function FormFieldsEditor({ action, categoryId, version, fields, fallbackLocale }: Props) {
  const t = useTranslations("admin.formEditor");
  const ta = useTranslations("admin");
  const { state, submit, pending, say } = useFormAction(action, { status: "idle" } as RequestTypeFieldsState);
  const [drafts, setDrafts] = useState<FieldDraft[]>(() => draftsOf(fields));
  const [announce, setAnnounce] = useState("");
  const [focusId, setFocusId] = useState<string | null>(null);
  /** The fields' keys in the order posted: a refusal at `fields.3` belongs to the field that was 4th then, wherever it is now. */
  const posted = useRef<string[]>([]);
  const prefix = `ffe${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const idOf = (key: string, part: string) => `${prefix}-${key}-${part}`;

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const basedOn = state.status === "ok" && state.version !== undefined ? state.version : version;
  const errorsByKey = useMemo(() => {
    const out = new Map<string, string[]>();
    if (state.status !== "error") return out;
    for (const [name, codes] of Object.entries(state.fieldErrors ?? {})) {
      const m = /^fields\.(\d+)$/.exec(name);
      const key = m ? posted.current[Number(m[1])] : undefined;
      if (key) out.set(key, codes);
    }
    return out;
  }, [state]);
  const formErrors = state.status === "error" ? [...(state.fieldErrors?.fields ?? []), ...(state.code ? [state.code] : [])] : [];
  const missing = missingLabelLanguages(drafts.map((d) => ({ ...d, choices: isChoice(d.kind) ? d.choices : undefined }) as unknown as FieldDefinition));
  const languageName = (l: Locale) => ta(`types.language${SUFFIX[l]}`);

  const update = (key: string, change: Partial<FieldDraft>) => setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));
  const updateChoice = (key: string, choiceKey: string, change: Partial<ChoiceDraft>) =>
    setDrafts((all) => all.map((d) => (d.key === key ? { ...d, choices: d.choices.map((c) => (c.key === choiceKey ? { ...c, ...change } : c)) } : d)));
  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= drafts.length) return;
    const next = [...drafts];
    const [moved] = next.splice(index, 1);
    next.splice(to, 0, moved);
    setDrafts(next);
    // The focus stays on the button pressed, unless the field reached the end that button points to.
    const stillThere = by === -1 ? to > 0 : to < next.length - 1;
    setFocusId(idOf(moved.key, stillThere ? (by === -1 ? "up" : "down") : by === -1 ? "down" : "up"));
    setAnnounce(t("moved", { position: to + 1 }));
  };
  const remove = (index: number) => {
    const gone = drafts[index];
    const next = drafts.filter((d) => d.key !== gone.key).map((d) => (d.whenField === gone.key ? { ...d, whenField: "", whenValue: "" } : d));
    setDrafts(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    setFocusId(neighbour ? idOf(neighbour.key, "code") : `${prefix}-add`);
    setAnnounce(t("removed"));
  };
  const add = () => {
    const used = new Set(drafts.map((d) => d.code));
    let n = drafts.length + 1;
    while (used.has(`field_${n}`)) n++;
    const key = newKey();
    const empty = { fr: "", ar: "", en: "" };
    setDrafts([
      ...drafts,
      {
        key,
        code: `field_${n}`,
        kind: "short_text",
        required: false,
        label: { ...empty },
        help: { ...empty },
        min: "",
        max: "",
        choices: [],
        fileTypes: ["image", "pdf"],
        maxFiles: "1",
        whenField: "",
        whenValue: "",
      },
    ]);
    setFocusId(idOf(key, "code"));
    setAnnounce(t("added", { position: drafts.length + 1 }));
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    posted.current = drafts.map((d) => d.key);
    submit(event);
  };

  return (
    <form className="fields-editor" onSubmit={onSubmit} aria-label={ta("types.fieldsTitle")} noValidate>
      <input type="hidden" name="categoryId" value={categoryId} />
      <input type="hidden" name="basedOn" value={basedOn ?? ""} />
      <input type="hidden" name="fields" value={JSON.stringify(postedOf(drafts))} />
      <p className="hint">{basedOn ? t("currentVersion", { version: basedOn }) : t("noVersion")}</p>
      {formErrors.length > 0 || errorsByKey.size > 0 ? (
        <div className="alert alert--error" role="alert">
          {errorsByKey.size > 0 ? <p>{t("hasErrors")}</p> : null}
          {formErrors.map((code) => (
            <p key={code}>{say(code, state.requestId)}</p>
          ))}
        </div>
      ) : null}
      {missing.length > 0 ? (
        <p className="field-warning" role="status">
          {ta("types.missingLanguages", { languages: missing.map(languageName).join(", "), fallback: languageName(fallbackLocale) })}
        </p>
      ) : null}
      {drafts.length === 0 ? <p className="hint">{t("empty")}</p> : null}
      <ol className="fields-editor__list">
        {drafts.map((d, index) => {
          const errors = errorsByKey.get(d.key) ?? [];
          const at = (part: ReturnType<typeof partOf>) => errors.filter((c) => partOf(c) === part);
          const errorBlock = (part: ReturnType<typeof partOf>) => {
            const list = at(part);
            return list.length > 0 ? (
              <div id={idOf(d.key, `err-${part}`)} className="field-error">
                {list.map((c) => (
                  <p key={c}>{say(c)}</p>
                ))}
              </div>
            ) : null;
          };
          const invalid = (part: ReturnType<typeof partOf>) =>
            at(part).length > 0 ? { "aria-invalid": true as const, "aria-describedby": idOf(d.key, `err-${part}`) } : {};
          const position = index + 1;
          const name = d.label[fallbackLocale].trim() || d.code;
          const earlier = drafts.slice(0, index).filter((e) => e.kind !== "file");
          const target = drafts.find((e) => e.key === d.whenField);
          return (
            <li key={d.key} className="fields-editor__item">
              <fieldset className={errors.length > 0 ? "fields-editor__field fields-editor__field--invalid" : "fields-editor__field"}>
                <legend>{name ? t("fieldNamed", { position, name }) : t("field", { position })}</legend>
                <div className="fields-editor__tools">
                  <button type="button" id={idOf(d.key, "up")} className="button button--secondary" onClick={() => move(index, -1)} disabled={index === 0}>
                    <span aria-hidden="true">↑ </span>
                    {t("moveUp", { position })}
                  </button>
                  <button
                    type="button"
                    id={idOf(d.key, "down")}
                    className="button button--secondary"
                    onClick={() => move(index, 1)}
                    disabled={index === drafts.length - 1}
                  >
                    <span aria-hidden="true">↓ </span>
                    {t("moveDown", { position })}
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => remove(index)}>
                    {t("remove", { position })}
                  </button>
                </div>
                {errorBlock("field")}
                <div className="admin-grid">
                  <div className="field">
                    <label htmlFor={idOf(d.key, "code")}>{t("code")}</label>
                    <input
                      id={idOf(d.key, "code")}
                      value={d.code}
                      dir="ltr"
                      autoComplete="off"
                      spellCheck={false}
                      onChange={(e) => update(d.key, { code: e.target.value })}
                      {...invalid("code")}
                    />
                    {errorBlock("code")}
                  </div>
                  <div className="field">
                    <label htmlFor={idOf(d.key, "kind")}>{t("kind")}</label>
                    <select id={idOf(d.key, "kind")} value={d.kind} onChange={(e) => update(d.key, { kind: e.target.value as FieldKind })} {...invalid("kind")}>
                      {FIELD_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`kinds.${k}`)}
                        </option>
                      ))}
                    </select>
                    {errorBlock("kind")}
                  </div>
                </div>
                <label className="inline-choice">
                  <input type="checkbox" checked={d.required} onChange={(e) => update(d.key, { required: e.target.checked })} />
                  {t("required")}
                </label>
                <div className="admin-grid">
                  {locales.map((l) => (
                    <div className="field" key={`label-${l}`}>
                      <label htmlFor={idOf(d.key, `label-${l}`)}>{t(`label${SUFFIX[l]}`)}</label>
                      <input
                        id={idOf(d.key, `label-${l}`)}
                        lang={l}
                        dir={directionOf(l)}
                        value={d.label[l]}
                        onChange={(e) => update(d.key, { label: { ...d.label, [l]: e.target.value } })}
                      />
                    </div>
                  ))}
                  {locales.map((l) => (
                    <div className="field" key={`help-${l}`}>
                      <label htmlFor={idOf(d.key, `help-${l}`)}>{t(`help${SUFFIX[l]}`)}</label>
                      <textarea
                        id={idOf(d.key, `help-${l}`)}
                        rows={2}
                        lang={l}
                        dir={directionOf(l)}
                        value={d.help[l]}
                        onChange={(e) => update(d.key, { help: { ...d.help, [l]: e.target.value } })}
                      />
                    </div>
                  ))}
                </div>
                {d.kind === "number" ? (
                  <div className="admin-grid">
                    {(["min", "max"] as const).map((bound) => (
                      <div className="field" key={bound}>
                        <label htmlFor={idOf(d.key, bound)}>{t(bound)}</label>
                        <input
                          id={idOf(d.key, bound)}
                          inputMode="decimal"
                          dir="ltr"
                          value={d[bound]}
                          onChange={(e) => update(d.key, { [bound]: e.target.value })}
                          {...invalid("bounds")}
                        />
                      </div>
                    ))}
                    {errorBlock("bounds")}
                  </div>
                ) : null}
                {isChoice(d.kind) ? (
                  <fieldset className="fields-editor__choices" {...(at("choices").length > 0 ? { "aria-describedby": idOf(d.key, "err-choices") } : {})}>
                    <legend>{t("choices")}</legend>
                    {errorBlock("choices")}
                    <ol>
                      {d.choices.map((c, ci) => (
                        <li key={c.key}>
                          <fieldset className="fields-editor__choice">
                            <legend>{t("choice", { position: ci + 1 })}</legend>
                            <div className="admin-grid">
                              <div className="field">
                                <label htmlFor={idOf(c.key, "value")}>{t("choiceValue")}</label>
                                <input
                                  id={idOf(c.key, "value")}
                                  dir="ltr"
                                  value={c.value}
                                  onChange={(e) => updateChoice(d.key, c.key, { value: e.target.value })}
                                />
                              </div>
                              {locales.map((l) => (
                                <div className="field" key={l}>
                                  <label htmlFor={idOf(c.key, `label-${l}`)}>{t(`label${SUFFIX[l]}`)}</label>
                                  <input
                                    id={idOf(c.key, `label-${l}`)}
                                    lang={l}
                                    dir={directionOf(l)}
                                    value={c.label[l]}
                                    onChange={(e) => updateChoice(d.key, c.key, { label: { ...c.label, [l]: e.target.value } })}
                                  />
                                </div>
                              ))}
                            </div>
                            <button
                              type="button"
                              className="button button--secondary"
                              onClick={() => {
                                update(d.key, { choices: d.choices.filter((x) => x.key !== c.key) });
                                setFocusId(idOf(d.key, "add-choice"));
                              }}
                            >
                              {t("removeChoice", { position: ci + 1 })}
                            </button>
                          </fieldset>
                        </li>
                      ))}
                    </ol>
                    <button
                      type="button"
                      id={idOf(d.key, "add-choice")}
                      className="button button--secondary"
                      onClick={() => {
                        const key = newKey();
                        update(d.key, { choices: [...d.choices, { key, value: "", label: { fr: "", ar: "", en: "" } }] });
                        setFocusId(idOf(key, "value"));
                      }}
                    >
                      {t("addChoice")}
                    </button>
                  </fieldset>
                ) : null}
                {d.kind === "file" ? (
                  <div className="admin-grid">
                    <fieldset className="fields-editor__choices" {...(at("files").length > 0 ? { "aria-describedby": idOf(d.key, "err-files") } : {})}>
                      <legend>{t("fileTypes")}</legend>
                      {FIELD_FILE_TYPES.map((type) => (
                        <label className="inline-choice" key={type}>
                          <input
                            type="checkbox"
                            checked={d.fileTypes.includes(type)}
                            onChange={(e) => update(d.key, { fileTypes: e.target.checked ? [...d.fileTypes, type] : d.fileTypes.filter((x) => x !== type) })}
                          />
                          {t(type === "image" ? "fileImage" : "filePdf")}
                        </label>
                      ))}
                    </fieldset>
                    <div className="field">
                      <label htmlFor={idOf(d.key, "max-files")}>{t("maxFiles")}</label>
                      <input
                        id={idOf(d.key, "max-files")}
                        inputMode="numeric"
                        dir="ltr"
                        value={d.maxFiles}
                        onChange={(e) => update(d.key, { maxFiles: e.target.value })}
                        {...invalid("files")}
                      />
                    </div>
                    {errorBlock("files")}
                  </div>
                ) : null}
                {index > 0 ? (
                  <div className="admin-grid">
                    <div className="field">
                      <label htmlFor={idOf(d.key, "when")}>{t("showWhen")}</label>
                      <select
                        id={idOf(d.key, "when")}
                        value={d.whenField}
                        onChange={(e) => update(d.key, { whenField: e.target.value, whenValue: "" })}
                        {...invalid("condition")}
                      >
                        <option value="">{t("showAlways")}</option>
                        {[...earlier, ...(target && !earlier.includes(target) ? [target] : [])].map((e) => (
                          <option key={e.key} value={e.key}>
                            {e.label[fallbackLocale].trim() ? `${e.label[fallbackLocale].trim()} (${e.code})` : e.code}
                          </option>
                        ))}
                      </select>
                    </div>
                    {target ? (
                      <div className="field">
                        <label htmlFor={idOf(d.key, "when-value")}>{t("showWhenValue")}</label>
                        {target.kind === "yes_no" || isChoice(target.kind) ? (
                          <select
                            id={idOf(d.key, "when-value")}
                            value={d.whenValue}
                            onChange={(e) => update(d.key, { whenValue: e.target.value })}
                            {...invalid("condition")}
                          >
                            <option value="">—</option>
                            {(target.kind === "yes_no"
                              ? [
                                  { value: "yes", text: t("yes") },
                                  { value: "no", text: t("no") },
                                ]
                              : target.choices.map((c) => ({ value: c.value, text: c.label[fallbackLocale].trim() || c.value }))
                            ).map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.text}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <input
                            id={idOf(d.key, "when-value")}
                            value={d.whenValue}
                            onChange={(e) => update(d.key, { whenValue: e.target.value })}
                            {...invalid("condition")}
                          />
                        )}
                      </div>
                    ) : null}
                    {errorBlock("condition")}
                  </div>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      <div className="fields-editor__actions">
        <button type="button" id={`${prefix}-add`} className="button button--secondary" onClick={add}>
          {t("add")}
        </button>
        <button type="submit" className="button" disabled={pending}>
          {t("save")}
        </button>
      </div>
      {state.status === "ok" && state.code ? (
        <p className="alert alert--success" role="status">
          {say(state.code)}
        </p>
      ) : null}
    </form>
  );
}
