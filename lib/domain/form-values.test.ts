import { describe, expect, it } from "vitest";
import { SMALLINT_MAX, storableText, tableId } from "./form-values";

describe("form values", () => {
  it("accepts a table id only as a positive small integer", () => {
    expect(tableId().parse("12")).toBe(12);
    for (const bad of ["0", "-1", "1.5", String(SMALLINT_MAX + 1), "1e309", "abc", ""]) expect(tableId("e").safeParse(bad).success, bad).toBe(false);
    expect(tableId("admin.errors.x").safeParse("40000").error?.issues[0].message).toBe("admin.errors.x");
  });

  it("makes any text storable: no NUL or control character, no lone surrogate, line breaks kept", () => {
    expect(storableText("a\u0000b\u0007c\td\ne\r\n")).toBe("abc\td\ne\r\n");
    expect(storableText("x\ud800y")).toBe("x\ufffdy");
    expect(storableText("Tétouan تطوان 😀")).toBe("Tétouan تطوان 😀");
  });
});
