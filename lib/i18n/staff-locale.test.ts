import { describe, expect, it } from "vitest";
import { staffLocale } from "./staff-locale";

describe("staffLocale", () => {
  it("is the person's own language when they chose one", () => {
    expect(staffLocale("ar", "fr")).toBe("ar");
    expect(staffLocale("en", "ar")).toBe("en");
    expect(staffLocale("fr", "en")).toBe("fr");
  });

  it("is the city's default language when the person chose none", () => {
    expect(staffLocale(null, "ar")).toBe("ar");
    expect(staffLocale(undefined, "en")).toBe("en");
  });

  it("ignores a value that is not one of the interface's languages, then falls back to French", () => {
    expect(staffLocale("de", "en")).toBe("en");
    expect(staffLocale("", "ar")).toBe("ar");
    expect(staffLocale("AR", "xx")).toBe("fr");
    expect(staffLocale(null, null)).toBe("fr");
  });
});
