"use client";

/** Issues an Open311 key to a client app and shows it once (only its hash is stored). */
import { useTranslations } from "next-intl";
import { useFormAction } from "@/components/ui/useFormAction";
import type { IssuedKeyState } from "@/app/[locale]/(staff)/staff/admin/actions";
import { ActionResult } from "./ActionResult";

export function ApiKeyIssuer({ action }: { action: (s: IssuedKeyState, f: FormData) => Promise<IssuedKeyState> }) {
  const t = useTranslations("admin.apiKeys");
  const { state, submit, pending, say } = useFormAction(action, { status: "idle" } as IssuedKeyState);
  return (
    <form className="staff-action" aria-label={t("new")} onSubmit={submit}>
      <div className="field">
        <label htmlFor="api-key-name">{t("name")}</label>
        <input id="api-key-name" name="name" />
      </div>
      <ActionResult state={state} say={say} />
      {state.status === "ok" && state.key ? (
        <div className="alert alert--success" role="status">
          <p>{t("shownOnce")}</p>
          <code className="api-key" data-testid="issued-key">
            {state.key}
          </code>
        </div>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {t("issue")}
      </button>
    </form>
  );
}
