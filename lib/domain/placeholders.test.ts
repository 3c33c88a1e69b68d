import { describe, expect, it } from "vitest";
import { unfilledPlaceholders } from "./placeholders";

describe("unfilledPlaceholders", () => {
  it("finds each blank once, in order", () => {
    expect(unfilledPlaceholders("Le [date], au [lieu] ; revenu le [date].")).toEqual(["[date]", "[lieu]"]);
  });
  it("finds none in a filled text", () => {
    expect(unfilledPlaceholders("Nos équipes sont intervenues le 12 novembre.")).toEqual([]);
    expect(unfilledPlaceholders("Crochets vides [] ou ouverts [ seulement")).toEqual([]);
  });
  it("works in Arabic", () => {
    expect(unfilledPlaceholders("تدخلت فرقنا يوم [التاريخ].")).toEqual(["[التاريخ]"]);
  });
});
