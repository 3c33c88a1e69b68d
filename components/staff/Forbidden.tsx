import { getTranslations } from "next-intl/server";

/** What a staff page shows to a signed-in member of staff whose role does not open it. */
export async function Forbidden() {
  const t = await getTranslations("staff");
  return (
    <div className="container">
      <p className="alert alert--error" role="alert">
        {t("errors.forbidden")}
      </p>
    </div>
  );
}
