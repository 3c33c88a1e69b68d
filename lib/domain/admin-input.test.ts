import { describe, expect, it } from "vitest";
import { categoryInputSchema, cityInputSchema, holidayInputSchema, holidayRemovalSchema, userInputSchema } from "./admin-input";

const codes = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe("admin input", () => {
  const category = {
    code: "nid-de-poule",
    serviceId: "3",
    nameFr: "Nid-de-poule",
    triageHours: "48",
    responseDays: "30",
    responseDayCount: "working",
    silenceRule: "rejection",
    active: "on",
  };
  it("checks a category's deadlines and rules", () => {
    expect(categoryInputSchema.parse(category)).toMatchObject({ serviceId: 3, triageHours: 48, responseDays: 30, isPrivate: false, active: true });
    expect(codes(categoryInputSchema.safeParse({ ...category, responseDays: "0" }))).toEqual(["admin.errors.days_invalid"]);
    expect(codes(categoryInputSchema.safeParse({ ...category, triageHours: "abc" }))).toEqual(["admin.errors.hours_invalid"]);
    expect(codes(categoryInputSchema.safeParse({ ...category, silenceRule: "maybe" }))).toEqual(["admin.errors.silence_invalid"]);
    expect(codes(categoryInputSchema.safeParse({ ...category, code: "Nid de poule!" }))).toEqual(["admin.errors.code_invalid"]);
  });

  it("needs an agent's service, a delegate's company and a long password", () => {
    const user = { email: "New.Agent@Demo.ma", firstName: "Sara", lastName: "Alami", role: "agent", serviceId: "2", password: "correct horse battery" };
    expect(userInputSchema.parse(user)).toMatchObject({ email: "new.agent@demo.ma", serviceId: 2 });
    expect(codes(userInputSchema.safeParse({ ...user, serviceId: "" }))).toEqual(["admin.errors.agent_needs_service"]);
    expect(codes(userInputSchema.safeParse({ ...user, role: "delegate", serviceId: "" }))).toEqual(["admin.errors.delegate_needs_company"]);
    expect(codes(userInputSchema.safeParse({ ...user, password: "short" }))).toEqual(["admin.errors.password_too_short"]);
    expect(codes(userInputSchema.safeParse({ ...user, password: "Password2026!" }))).toEqual(["admin.errors.password_common"]);
    expect(codes(userInputSchema.safeParse({ ...user, password: "sara-alami-tetouan" }))).toEqual(["admin.errors.password_personal"]);
  });

  it("checks holidays and the city's bounds", () => {
    expect(codes(holidayInputSchema.safeParse({ day: "2026-13-45", nameFr: "x" }))).toEqual(["admin.errors.date_invalid"]);
    // A day that does not exist, though Date.parse takes it (it rolls to 2 March): refused, never sent to the database.
    expect(codes(holidayInputSchema.safeParse({ day: "2026-02-30", nameFr: "x" }))).toEqual(["admin.errors.date_invalid"]);
    expect(codes(holidayRemovalSchema.safeParse({ day: "2026-02-30" }))).toEqual(["admin.errors.date_invalid"]);
    expect(holidayRemovalSchema.safeParse({ day: "2028-02-29" }).success).toBe(true);
    const city = { nameFr: "Tétouan", centerLat: "35.57", centerLng: "-5.37", minLat: "35.53", minLng: "-5.43", maxLat: "35.63", maxLng: "-5.30" };
    expect(cityInputSchema.safeParse(city).success).toBe(true);
    expect(codes(cityInputSchema.safeParse({ ...city, centerLat: "36" }))).toEqual(["admin.errors.bounds_invalid"]);
  });

  it("takes the letterhead as optional texts, keeps an address's lines, and refuses a phone that is not one", () => {
    const city = { nameFr: "Tétouan", centerLat: "35.57", centerLng: "-5.37", minLat: "35.53", minLng: "-5.43", maxLat: "35.63", maxLng: "-5.30" };
    const bare = cityInputSchema.parse({ ...city, postalAddressFr: "  ", phone: "" });
    expect([bare.postalAddressFr, bare.openingHoursFr, bare.phone]).toEqual([undefined, undefined, undefined]);
    const full = cityInputSchema.parse({
      ...city,
      postalAddressFr: " Hôtel de ville\r\nAvenue Mohammed V\r\n93000 Tétouan ",
      postalAddressAr: "شارع محمد الخامس",
      openingHoursEn: "Monday to Friday, 8:30 to 16:30",
      phone: " +212 (0)5.39-96 00 00 ",
    });
    expect(full.postalAddressFr).toBe("Hôtel de ville\nAvenue Mohammed V\n93000 Tétouan");
    expect(full.phone).toBe("+212 (0)5.39-96 00 00");
    for (const phone of ["05 39 xx", "--- ()", "+212 539<script>", "0539/960000", "1".repeat(31)])
      expect(codes(cityInputSchema.safeParse({ ...city, phone })), phone).toEqual(["admin.errors.phone_invalid"]);
    expect(cityInputSchema.safeParse({ ...city, phone: "1".repeat(30) }).success).toBe(true);
    expect(cityInputSchema.safeParse({ ...city, postalAddressAr: "x".repeat(300), openingHoursFr: "x".repeat(200) }).success).toBe(true);
    expect(codes(cityInputSchema.safeParse({ ...city, postalAddressEn: "x".repeat(301) }))).toEqual(["admin.errors.too_long"]);
    expect(codes(cityInputSchema.safeParse({ ...city, openingHoursAr: "x".repeat(201) }))).toEqual(["admin.errors.too_long"]);
  });
});
