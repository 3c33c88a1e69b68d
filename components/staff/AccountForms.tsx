"use client";

/**
 * The forms of a member of staff's own account: forgotten password, new password from a reset link,
 * change of password, and the confirmation of a second factor (which then shows the recovery codes
 * once). A refused submission keeps what was typed, except passwords; the error names its field.
 */
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useFormAction } from "@/components/ui/useFormAction";
import { Link } from "@/lib/i18n/navigation";
import type { AccountFormState } from "@/app/[locale]/login/account-actions";

type Action = (state: AccountFormState, formData: FormData) => Promise<AccountFormState>;
const IDLE = { status: "idle" } as AccountFormState;

function Alert({ state, id }: { state: AccountFormState; id: string }) {
  const tAll = useTranslations();
  if (state.status === "idle") return null;
  const text = tAll.has(state.code) ? tAll(state.code, { minutes: state.status === "error" ? (state.minutes ?? 1) : 1 }) : tAll("staff.errors.server");
  const reference = state.status === "error" && state.requestId ? ` ${tAll("common.reference", { id: state.requestId })}` : "";
  return (
    <p className={`alert ${state.status === "ok" ? "alert--success" : "alert--error"}`} role={state.status === "ok" ? "status" : "alert"} id={id}>
      {text}
      {reference}
    </p>
  );
}

function PasswordField({
  name,
  label,
  autoComplete,
  state,
  value,
  onChange,
  hint,
}: {
  name: string;
  label: string;
  autoComplete: string;
  state: AccountFormState;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
}) {
  const invalid = state.status === "error" && state.field === name;
  const described = [hint ? `${name}-hint` : null, invalid ? "account-error" : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        dir="ltr"
        aria-invalid={invalid || undefined}
        aria-describedby={described}
      />
    </div>
  );
}

export function ForgotPasswordForm({ action }: { action: Action }) {
  const t = useTranslations("passwordReset");
  const { state, submit, pending } = useFormAction(action, IDLE);
  const [email, setEmail] = useState("");
  return (
    <form className="card" noValidate onSubmit={submit}>
      <Alert state={state} id="account-error" />
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          dir="ltr"
          aria-invalid={(state.status === "error" && state.field === "email") || undefined}
          aria-describedby={state.status === "error" ? "account-error" : undefined}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("sending") : t("send")}
      </button>
      <p>
        <Link href="/login" prefetch={false}>
          {t("backToLogin")}
        </Link>
      </p>
    </form>
  );
}

/** New password and its confirmation, with the current one when `withCurrent` (the account page). */
export function NewPasswordForm({ action, token, withCurrent, submitLabel }: { action: Action; token?: string; withCurrent?: boolean; submitLabel: string }) {
  const t = useTranslations("account");
  const tPassword = useTranslations("password");
  const tReset = useTranslations("passwordReset");
  const { state, submit, pending } = useFormAction(action, IDLE);
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  return (
    <form
      className="card"
      noValidate
      onSubmit={(event) => {
        submit(event);
        setCurrent("");
        setPassword("");
        setConfirm("");
      }}
    >
      <Alert state={state} id="account-error" />
      {token ? <input type="hidden" name="token" value={token} /> : null}
      {withCurrent ? (
        <PasswordField name="current" label={t("currentPassword")} autoComplete="current-password" state={state} value={current} onChange={setCurrent} />
      ) : null}
      <PasswordField
        name="password"
        label={t("newPassword")}
        autoComplete="new-password"
        state={state}
        value={password}
        onChange={setPassword}
        hint={tPassword("hint")}
      />
      <PasswordField name="confirm" label={t("confirmPassword")} autoComplete="new-password" state={state} value={confirm} onChange={setConfirm} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? tReset("saving") : submitLabel}
      </button>
      {state.status === "error" && state.code === "passwordReset.invalidLink" ? (
        <p>
          <Link href="/login/forgot" prefetch={false}>
            {tReset("requestNew")}
          </Link>
        </p>
      ) : null}
    </form>
  );
}

/** The code that confirms the factor; then the recovery codes, shown this once. */
export function EnrolmentForm({ action }: { action: Action }) {
  const t = useTranslations("account");
  const { state, submit, pending } = useFormAction(action, IDLE);
  const [code, setCode] = useState("");
  if (state.status === "ok" && state.recoveryCodes) {
    return (
      <section className="card" aria-labelledby="recovery-title">
        <h2 id="recovery-title">{t("recoveryTitle")}</h2>
        <p>{t("recoveryIntro")}</p>
        <ul className="recovery-codes" dir="ltr">
          {state.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <Link className="button" href={state.next ?? "/staff"} prefetch={false}>
          {t("continue")}
        </Link>
      </section>
    );
  }
  return (
    <form className="card" noValidate onSubmit={submit}>
      <Alert state={state} id="account-error" />
      <div className="field">
        <label htmlFor="code">{t("enrolCode")}</label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          dir="ltr"
          aria-invalid={state.status === "error" || undefined}
          aria-describedby={state.status === "error" ? "account-error" : undefined}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("saving") : t("enrolConfirm")}
      </button>
    </form>
  );
}
