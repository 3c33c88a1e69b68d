/**
 * The limits of the city's letterhead, without the schema that enforces them (admin-input.ts): the
 * proxy holds the admin city page's posted body to the logo's size, and must not load the validator.
 */
/** Address and opening hours in characters (each language), the phone in characters, the logo's upload in bytes and its stored longer side in pixels. */
export const CITY_LETTERHEAD_LIMITS = {
  postalAddressMax: 300,
  openingHoursMax: 200,
  phoneMax: 30,
  logoMaxBytes: 2 * 1024 * 1024,
  logoMaxSide: 600,
} as const;
