import { getTranslations } from "next-intl/server";
import { REPORT_STATUSES } from "@/lib/domain/types";

export type FilterValues = {
  status: string[];
  service: string;
  category: string;
  district: string;
  channel: string;
  late: boolean;
  from: string;
  to: string;
  q: string;
};

const STATUSES = REPORT_STATUSES;
const CHANNELS = ["web", "phone", "counter", "email", "letter", "api"] as const;

/**
 * The filters of the triage and desk lists, as a plain GET form (bookmarkable, works without JS),
 * folded under one line that says what is filtered, so the list and the map own the first screen.
 */
export async function ReportFilters({
  values,
  reference,
}: {
  values: FilterValues;
  reference: { services: { id: number; name: string }[]; categories: { id: number; name: string }[]; districts: { id: number; name: string }[] };
}) {
  const t = await getTranslations("staff");
  const tAll = await getTranslations();
  const active =
    [values.service, values.category, values.district, values.channel, values.from, values.to, values.q].filter(Boolean).length + (values.late ? 1 : 0);
  return (
    <details className="filters card" data-testid="filters">
      <summary className="filters__summary">
        <span className="filters__title">{t("filters.label")}</span>{" "}
        <span className="hint">{t("filters.summary", { statuses: values.status.length, active })}</span>
      </summary>
      <form method="get" aria-label={t("filters.label")}>
        <fieldset className="filters__statuses">
          <legend>{t("filters.status")}</legend>
          {STATUSES.map((s) => (
            <label key={s} className="inline-choice">
              <input type="checkbox" name="status" value={s} defaultChecked={values.status.includes(s)} />
              {t(`status.${s}`)}
            </label>
          ))}
        </fieldset>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="f-service">{t("fields.service")}</label>
            <select id="f-service" name="service" defaultValue={values.service}>
              <option value="">{t("filters.all")}</option>
              {reference.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-category">{t("filters.category")}</label>
            <select id="f-category" name="category" defaultValue={values.category}>
              <option value="">{t("filters.all")}</option>
              {reference.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-district">{t("fields.district")}</label>
            <select id="f-district" name="district" defaultValue={values.district}>
              <option value="">{t("filters.all")}</option>
              {reference.districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-channel">{t("filters.channel")}</label>
            <select id="f-channel" name="channel" defaultValue={values.channel}>
              <option value="">{t("filters.all")}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-from">{t("filters.from")}</label>
            <input id="f-from" type="date" name="from" defaultValue={values.from} />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t("filters.to")}</label>
            <input id="f-to" type="date" name="to" defaultValue={values.to} />
          </div>
          <div className="field">
            <label htmlFor="f-q">{t("filters.q")}</label>
            <input id="f-q" type="search" name="q" defaultValue={values.q} />
          </div>
        </div>
        <label className="inline-choice">
          <input type="checkbox" name="late" value="1" defaultChecked={values.late} />
          {t("filters.late")}
        </label>
        <div className="actions">
          <button type="submit" className="button">
            {t("filters.apply")}
          </button>
        </div>
      </form>
    </details>
  );
}
