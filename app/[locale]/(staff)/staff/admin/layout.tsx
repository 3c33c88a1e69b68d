import { getTranslations } from "next-intl/server";
import { AdminNav } from "@/components/staff/AdminNav";
import { can } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/config";
import { ADMIN_SECTIONS } from "./sections";

/** The administration's pages share its sub-navigation; each page checks who asks (so does the data layer). */
export default async function AdminLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const locale = (await params).locale as Locale;
  const viewer = await currentViewer();
  if (!can(viewer, "admin")) return children;
  const t = await getTranslations({ locale, namespace: "admin" });
  const links = [
    { href: "/staff/admin", label: t("overview.title") },
    ...ADMIN_SECTIONS.map((s) => ({ href: `/staff/admin/${s.slug}`, label: t(`${s.key}.title`) })),
    { href: "/staff/admin/audit", label: t("auditLink") },
  ];
  return (
    <>
      <AdminNav label={t("sections")} links={links} />
      {children}
    </>
  );
}
