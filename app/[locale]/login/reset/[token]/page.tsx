import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { NewPasswordForm } from "@/components/staff/AccountForms";
import { ClientMessages } from "@/components/ui/ClientMessages";
import { resetLinkIsValid } from "@/lib/dal/account";
import type { Locale } from "@/lib/i18n/config";
import { CLIENT_MESSAGES } from "@/lib/i18n/messages";
import { Link } from "@/lib/i18n/navigation";
import { resetPasswordAction } from "../../account-actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "passwordReset" });
  // The token is a secret: never sent on to another site.
  return { title: t("resetTitle"), robots: { index: false }, referrer: "no-referrer" };
}

/** The page a reset link opens: a new password, once, within the hour. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ locale: Locale; token: string }> }) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "passwordReset" });
  const valid = await resetLinkIsValid(token);
  return (
    <div className="container narrow">
      <h1>{t("resetTitle")}</h1>
      {valid ? (
        <ClientMessages sets={[CLIENT_MESSAGES.signIn]}>
          <NewPasswordForm action={resetPasswordAction} token={token} submitLabel={t("save")} />
        </ClientMessages>
      ) : (
        <>
          <p className="alert alert--error" role="alert">
            {t("invalidLink")}
          </p>
          <p>
            <Link href="/login/forgot" prefetch={false}>
              {t("requestNew")}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
