"use client";

/**
 * Where the report is: a point chosen on the map, by the phone's GPS, from a photo's EXIF position
 * or from a district; a point outside the city is kept but marked as an error.
 */
import { useState } from "react";
import { isInsideBounds, type Point } from "@/lib/domain/geo";
import type { ReportFormData } from "../types";
import { readPhotoLocation } from "../uploads";
import type { SetFieldError } from "./useFieldErrors";
import type { SetField } from "./useReportFields";

export type PointOrigin = "map" | "gps" | "photo" | "district";

export function useLocation({
  data,
  point,
  setField,
  setFieldError,
}: {
  data: Pick<ReportFormData, "city" | "districts">;
  point: Point | null;
  setField: SetField;
  setFieldError: SetFieldError;
}) {
  const [locating, setLocating] = useState(false);
  const [photoPoint, setPhotoPoint] = useState<Point | null>(null);

  const choosePoint = (p: Point, origin: PointOrigin) => {
    setField("point", p);
    if (origin !== "district") setField("districtId", "");
    setFieldError("location", isInsideBounds(p, data.city.bounds) ? null : "report.errors.location_outside");
  };

  const locateMe = () => {
    if (!("geolocation" in navigator)) {
      setFieldError("location", "report.errors.geolocation_unavailable");
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        choosePoint({ lat: position.coords.latitude, lng: position.coords.longitude }, "gps");
      },
      (error) => {
        setLocating(false);
        setFieldError("location", error.code === error.PERMISSION_DENIED ? "report.errors.geolocation_denied" : "report.errors.geolocation_unavailable");
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const chooseDistrict = (value: string) => {
    setField("districtId", value);
    const district = data.districts.find((d) => String(d.id) === value);
    if (district) choosePoint({ lat: district.lat, lng: district.lng }, "district");
  };

  /** A photo attached before any place is chosen: its GPS position (read on the phone) is offered. */
  const considerPhoto = (file: File) => {
    if (point || photoPoint) return;
    readPhotoLocation(file).then((gps) => {
      if (gps) setPhotoPoint(gps);
    });
  };

  /** The photo's position, while it is inside the city and not the point already chosen. */
  const photoSuggestion =
    photoPoint && isInsideBounds(photoPoint, data.city.bounds) && (!point || point.lat !== photoPoint.lat || point.lng !== photoPoint.lng) ? photoPoint : null;

  return { locating, locateMe, choosePoint, chooseDistrict, considerPhoto, photoSuggestion };
}
