import { describe, expect, it } from "vitest";
import { csvDialect, csvNumber, MACHINE_CSV, toCsv } from "./csv";

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

describe("CSV dialects", () => {
  it("for a French or Arabic reader: BOM, `;` and the decimal comma; for an English one `,`", () => {
    const rows = [["Propreté; voirie", 82.5, csvNumber(1000, csvDialect(null, "fr"), 2)]];
    const fr = toCsv(["Service", "Répondus dans le délai (%)", "Montant"], rows, csvDialect(null, "fr"));
    expect(fr.startsWith("\uFEFF")).toBe(true);
    expect(fr.slice(1).split("\r\n")[0]).toBe("Service;Répondus dans le délai (%);Montant");
    expect(fr.slice(1).split("\r\n")[1]).toBe(`"Propreté; voirie";82,5;1000,00`);
    expect(
      toCsv(["a", "b"], [[1.5, 2]], csvDialect("", "ar"))
        .slice(1)
        .split("\r\n")[1],
    ).toBe("1,5;2");
    const en = toCsv(["a", "b"], [[1.5, "x, y"]], csvDialect(undefined, "en"));
    expect(en.startsWith("\uFEFF")).toBe(true);
    expect(en.slice(1).split("\r\n")[1]).toBe(`1.5,"x, y"`);
  });

  it("for programs (format=machine): `,`, the decimal point and no BOM, whatever the reader's language", () => {
    const dialect = csvDialect("machine", "fr");
    expect(dialect).toEqual(MACHINE_CSV);
    expect(toCsv(["received", "rate"], [[3, 82.5]], dialect)).toBe("received,rate\r\n3,82.5\r\n");
    expect(csvNumber(1000, dialect, 2)).toBe("1000.00");
    expect(csvNumber(null, dialect)).toBe("");
  });
});
