import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "@/components/staff/SignInForm";
import { ClientMessages } from "@/components/ui/ClientMessages";
import { homeOf } from "@/lib/auth/home";
import { currentViewer } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/config";
import { CLIENT_MESSAGES } from "@/lib/i18n/messages";
import { redirect } from "@/lib/i18n/navigation";
import { signInAction } from "./actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "login" });
  return { title: t("title"), robots: { index: false } };
}

export default async function LoginPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ next?: string; password?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (viewer) redirect({ href: homeOf(viewer.role), locale });
  const t = await getTranslations({ locale, namespace: "login" });
  const { next, password } = await searchParams;
  return (
    <div className="container narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {password === "set" ? (
        <p className="alert alert--success" role="status">
          {t("passwordSet")}
        </p>
      ) : null}
      <ClientMessages sets={[CLIENT_MESSAGES.signIn]}>
        <SignInForm action={signInAction} next={typeof next === "string" ? next : ""} />
      </ClientMessages>
    </div>
  );
}
