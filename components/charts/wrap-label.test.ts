import { describe, expect, it } from "vitest";
import { wrapLabel } from "./wrap-label";

describe("wrapLabel", () => {
  it("cuts at spaces only, every word kept whole", () => {
    expect(wrapLabel("Sans délégataire (services gérés par la commune)", 26)).toEqual(["Sans délégataire (services", "gérés par la commune)"]);
    expect(wrapLabel("Tétouan Propreté SA", 26)).toEqual(["Tétouan Propreté SA"]);
    expect(wrapLabel("Anticonstitutionnellement court", 10)).toEqual(["Anticonstitutionnellement", "court"]);
    expect(wrapLabel("بدون مفوَّض إليه (مصالح تسيّرها الجماعة)", 20).join(" ")).toBe("بدون مفوَّض إليه (مصالح تسيّرها الجماعة)");
    expect(wrapLabel("  ", 10)).toEqual([""]);
  });
});
