import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export default function NotFound() {
  const t = useTranslations("common");
  return (
    <div className="container">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <p>
        <Link href="/track">{t("notFound.track")}</Link> · <Link href="/">{t("notFound.home")}</Link>
      </p>
    </div>
  );
}
