import { homeOf } from "@/lib/auth/home";
import { currentViewer } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/config";
import { redirect } from "@/lib/i18n/navigation";

export default async function StaffHome({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const viewer = await currentViewer();
  redirect({ href: viewer ? homeOf(viewer.role) : "/login", locale });
}
