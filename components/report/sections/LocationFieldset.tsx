"use client";

/** Where the problem is: the phone's position, a photo's, the map, a district, an address. */
import { useTranslations } from "next-intl";
import { LocationPickerLazy } from "@/components/map/LocationPickerLazy";
import type { Point } from "@/lib/domain/geo";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";
import type { FieldErrorView } from "../hooks/useFieldErrors";
import type { useLocation } from "../hooks/useLocation";
import { NearbyReports } from "../NearbyReports";
import type { ReportFormData } from "../types";
import styles from "../ReportForm.module.css";

export function LocationFieldset({
  data,
  point,
  districtId,
  address,
  onAddress,
  categoryId,
  location,
  optional = false,
  baseId,
  errors,
}: {
  data: ReportFormData;
  point: Point | null;
  districtId: string;
  address: string;
  onAddress: (address: string) => void;
  /** The first category chosen, for the reports already made nearby. */
  categoryId: number | null;
  location: ReturnType<typeof useLocation>;
  /** The request type asks for a place but does not require one. */
  optional?: boolean;
  baseId: string;
  errors: FieldErrorView;
}) {
  const t = useTranslations("report");
  const { photoSuggestion } = location;
  return (
    <fieldset className={styles.section} id="location" aria-describedby={errors.describedBy("location", `${baseId}-loc-hint`)}>
      <legend>{t("location.legend")}</legend>
      <p className="hint" id={`${baseId}-loc-hint`}>
        {optional ? t("location.optionalHint") : t("location.hint")}
      </p>
      {errors.message("location")}
      <noscript>
        <p className="hint">{t("location.noScript")}</p>
      </noscript>
      <div className={`actions ${styles.scripted}`}>
        <button type="button" className="button button--secondary" onClick={location.locateMe} disabled={location.locating}>
          {location.locating ? t("location.locating") : t("location.useMyLocation")}
        </button>
      </div>
      {photoSuggestion ? (
        <div className="alert alert--success" role="status">
          <p>{t("location.photoSuggestion")}</p>
          <button type="button" className="button button--secondary" onClick={() => location.choosePoint(photoSuggestion, "photo")}>
            {t("location.usePhotoLocation")}
          </button>
        </div>
      ) : null}
      <div className={styles.scripted}>
        <LocationPickerLazy
          center={data.city.center}
          zoom={data.city.zoom}
          bounds={data.city.bounds}
          tiles={data.tiles}
          value={point}
          onChange={(p) => location.choosePoint(p, "map")}
          label={t("location.mapLabel")}
          markerLabel={t("location.markerLabel")}
        />
      </div>
      <NearbyReports point={point} categoryId={categoryId} />
      <p className={`hint ${styles.scripted}`} role="status" data-testid="chosen-point">
        {point ? t("location.chosen", { lat: point.lat.toFixed(5), lng: point.lng.toFixed(5) }) : t("location.none")}
      </p>
      <div className="field">
        <label htmlFor={`${baseId}-district`}>{t("location.district")}</label>
        <select id={`${baseId}-district`} name="districtId" value={districtId} onChange={(e) => location.chooseDistrict(e.target.value)}>
          <option value="">{t("location.districtNone")}</option>
          {data.districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="address">{t("location.address")}</label>
        <input
          id="address"
          name="address"
          type="text"
          autoComplete="street-address"
          maxLength={REPORT_LIMITS.addressMax}
          value={address}
          onChange={(e) => onAddress(e.target.value)}
          aria-invalid={errors.invalid("address")}
          aria-describedby={errors.describedBy("address")}
        />
        {errors.message("address")}
      </div>
    </fieldset>
  );
}
