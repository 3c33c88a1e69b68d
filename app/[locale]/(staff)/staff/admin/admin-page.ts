/** What every administration page starts with: who asks, and its title. */
import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { can, type Viewer } from "@/lib/auth/permissions";
import { currentViewer } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";
import type { AdminSection } from "./sections";

/**
 * The signed-in administrator, or null for another member of staff (the page then shows
 * Forbidden); the anonymous is sent to the sign-in. The data layer checks again whatever the page reads.
 */
export async function adminViewer(locale: Locale): Promise<Viewer | null> {
  setRequestLocale(locale);
  const viewer = await currentViewer();
  if (!viewer) return redirect({ href: "/login", locale });
  return can(viewer, "admin") ? viewer : null;
}

/** A section page's `generateMetadata`: its title, never indexed. */
export function adminMetadata(section: AdminSection) {
  return async ({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> => {
    const t = await getTranslations({ locale: (await params).locale, namespace: "admin" });
    return { title: t(`${section}.title`), robots: { index: false } };
  };
}
