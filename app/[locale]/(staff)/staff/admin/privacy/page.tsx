import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/ActionForm";
import { AdminField as Field } from "@/components/staff/AdminField";
import { Forbidden } from "@/components/staff/Forbidden";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { anonymiseCitizenAction } from "../actions";
import { adminMetadata, adminViewer } from "../admin-page";

export const generateMetadata = adminMetadata("privacy");

/** Citizens' personal data: the automatic erasure's delay, and an erasure on a citizen's request. */
export default async function AdminPrivacyPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await adminViewer(locale);
  if (!viewer) return <Forbidden />;
  const t = await getTranslations({ locale, namespace: "admin" });
  return (
    <div className="container container--wide admin">
      <section aria-labelledby="privacy-title">
        <h1 id="privacy-title">{t("privacy.title")}</h1>
        <p className="hint">{t("privacy.intro", { months: env().retentionMonths })}</p>
        <ActionForm action={anonymiseCitizenAction} submitLabel={t("privacy.submit")} title={t("privacy.form")} testId="anonymise-citizen">
          <Field name="contact" label={t("privacy.contact")} id="privacy-contact" />
          <label className="inline-choice">
            <input type="checkbox" name="confirm" />
            {t("privacy.confirm")}
          </label>
        </ActionForm>
      </section>
    </div>
  );
}
