import type { RequestTypeRules } from "@/lib/domain/report-input";
import type { Locale, ShownText } from "@/lib/i18n/config";

/** Reference data the report page hands to the form (already in the visitor's language). */
export type ReportFormData = {
  city: {
    center: { lat: number; lng: number };
    zoom: number;
    bounds: { minLat: number; minLng: number; maxLat: number; maxLng: number };
    emergencyPhone: string | null;
  };
  services: {
    id: number;
    name: string;
    /** Description and notice in the visitor's language, else the city's default (marked with its `lang`). */
    categories: { id: number; name: string; description: ShownText | null; notice: ShownText | null }[];
  }[];
  /** The other requests (démarches): made alone, each with its own rules and fields. */
  requests: { id: number; name: string; service: string; description: ShownText | null; notice: ShownText | null }[];
  /** What the report's rules read of each category (family, place, current form), by id. */
  types: Record<number, RequestTypeRules>;
  /** The language a label missing in the visitor's falls back to (the city's default). */
  fallbackLocale: Locale;
  districts: { id: number; name: string; lat: number; lng: number }[];
  tiles: { url: string; attribution: string };
};
