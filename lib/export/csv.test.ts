import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes separators and neutralises spreadsheet formulas", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ['=HYPERLINK("http://evil")', "+1"],
        ["-2", "@SUM(A1)"],
        ["x, y", 'he said "hi"'],
        [null, 500],
      ],
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = csv.slice(1).trim().split("\r\n");
    expect(rows[0]).toBe("a,b");
    expect(rows[1]).toBe(`"'=HYPERLINK(""http://evil"")",'+1`);
    expect(rows[2]).toBe("'-2,'@SUM(A1)");
    expect(rows[3]).toBe(`"x, y","he said ""hi"""`);
    expect(rows[4]).toBe(",500");
  });
});
