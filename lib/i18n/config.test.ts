import { describe, expect, it } from "vitest";
import { localizedWithLang } from "./config";

describe("localizedWithLang", () => {
  it("picks the reader's language, else the fallback, else any, and says which", () => {
    const text = { fr: "Bac plein.", ar: "حاوية ممتلئة." };
    expect(localizedWithLang(text, "ar", "fr")).toEqual({ text: "حاوية ممتلئة.", lang: "ar" });
    expect(localizedWithLang(text, "en", "fr")).toEqual({ text: "Bac plein.", lang: "fr" });
    expect(localizedWithLang(text, "en", "ar")).toEqual({ text: "حاوية ممتلئة.", lang: "ar" });
    expect(localizedWithLang({ fr: "", en: "Full bin." }, "fr", "fr")).toEqual({ text: "Full bin.", lang: "en" });
    expect(localizedWithLang({ fr: "  " }, "fr")).toBeNull();
    expect(localizedWithLang(null, "fr")).toBeNull();
  });
});
