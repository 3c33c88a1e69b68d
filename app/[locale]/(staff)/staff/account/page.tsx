import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { NewPasswordForm } from "@/components/staff/AccountForms";
import { ActionForm } from "@/components/staff/ActionForm";
import { ClientMessages } from "@/components/ui/ClientMessages";
import { currentViewer } from "@/lib/auth/session";
import { getAccount } from "@/lib/dal/account";
import { locales, type Locale } from "@/lib/i18n/config";
import { CLIENT_MESSAGES } from "@/lib/i18n/messages";
import { Link } from "@/lib/i18n/navigation";
import { changePasswordAction } from "./actions";
import { saveStaffLocaleAction } from "./locale-actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "account" });
  return { title: t("title"), robots: { index: false } };
}

/** The signed-in member of staff's own account: password, second factor, language of mails and exports. */
export default async function AccountPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const account = await getAccount(await currentViewer());
  const t = await getTranslations({ locale, namespace: "account" });
  const format = await getFormatter({ locale });
  return (
    <div className="container narrow">
      <h1>{t("title")}</h1>
      <p dir="ltr">{account.email}</p>
      <section aria-labelledby="password-title">
        <h2 id="password-title">{t("passwordTitle")}</h2>
        <p>{t("passwordIntro")}</p>
        <ClientMessages sets={[CLIENT_MESSAGES.signIn]}>
          <NewPasswordForm action={changePasswordAction} withCurrent submitLabel={t("changePassword")} />
        </ClientMessages>
      </section>
      <section aria-labelledby="factor-title">
        <h2 id="factor-title">{t("secondFactorTitle")}</h2>
        {account.secondFactorSince ? (
          <>
            <p>{t("secondFactorOn", { date: format.dateTime(account.secondFactorSince, { dateStyle: "long" }) })}</p>
            <p>{t("recoveryLeft", { count: account.recoveryCodesLeft })}</p>
          </>
        ) : (
          <>
            <p>{t("secondFactorOff")}</p>
            <p>
              <Link className="button" href="/login/second-factor" prefetch={false}>
                {t("setUp")}
              </Link>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="language-title">
        <h2 id="language-title">{t("languageTitle")}</h2>
        <p>{t("languageIntro")}</p>
        <ClientMessages sets={[CLIENT_MESSAGES.accountLanguage]}>
          <ActionForm action={saveStaffLocaleAction} submitLabel={t("languageSave")} title={t("languageTitle")}>
            <div className="field">
              <label htmlFor="account-locale">{t("languageLabel")}</label>
              {/* Keyed by the saved value: the form's reset after a save then shows the new choice, not the first one. */}
              <select key={account.locale ?? ""} id="account-locale" name="locale" defaultValue={account.locale ?? ""}>
                <option value="">{t("languageDefault", { language: t(`languages.${account.cityLocale}`) })}</option>
                {locales.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {t(`languages.${l}`)}
                  </option>
                ))}
              </select>
            </div>
          </ActionForm>
        </ClientMessages>
      </section>
    </div>
  );
}
