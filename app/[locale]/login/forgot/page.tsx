import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/staff/AccountForms";
import { ClientMessages } from "@/components/ui/ClientMessages";
import type { Locale } from "@/lib/i18n/config";
import { CLIENT_MESSAGES } from "@/lib/i18n/messages";
import { requestPasswordResetAction } from "../account-actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "passwordReset" });
  return { title: t("forgotTitle"), robots: { index: false } };
}

/** A member of staff who forgot their password asks for a link (the answer never says whether the email exists). */
export default async function ForgotPasswordPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "passwordReset" });
  return (
    <div className="container narrow">
      <h1>{t("forgotTitle")}</h1>
      <p>{t("forgotIntro")}</p>
      <ClientMessages sets={[CLIENT_MESSAGES.signIn]}>
        <ForgotPasswordForm action={requestPasswordResetAction} />
      </ClientMessages>
    </div>
  );
}
