import { describe, expect, it } from "vitest";
import { setParagraph, type Measure } from "./lines";

/** Every character one unit wide: the pieces' places are counted in characters. */
const measure: Measure = (text) => [...text].length;
const seen = (text: string, direction: "ltr" | "rtl", width = 80) =>
  setParagraph(text, direction, width, measure).map((line) => line.pieces.map((p) => `${p.font === "arabic" ? "A" : "L"}:${p.text}@${p.x}`));

describe("setting a letter's lines", () => {
  it("fills words up to the width, a paragraph per newline, a word too long for a line cut", () => {
    expect(seen("aaa bbb ccc", "ltr", 7)).toEqual([["L:aaa@0", "L: @3", "L:bbb@4"], ["L:ccc@0"]]);
    expect(seen("a\n\nb", "ltr")).toEqual([["L:a@0"], [], ["L:b@0"]]);
    expect(seen("abcdefghij", "ltr", 4)).toEqual([["L:abcd@0"], ["L:efgh@0"], ["L:ij@0"]]);
  });

  it("lays Arabic right to left: words from the right, numbers left to right, each Arabic piece in its logical order", () => {
    // Logical: "رقم 12 جديد" — seen from the left: جديد, 12, رقم.
    expect(seen("رقم 12 جديد", "rtl")).toEqual([["A:جديد@0", "L: @4", "L:12@5", "L: @7", "A:رقم@8"]]);
  });

  it("mirrors brackets inside right-to-left text, and keeps an isolated phone number whole", () => {
    expect(seen("(رقم)", "rtl")).toEqual([["L:(@0", "A:رقم@1", "L:)@4"]]);
    expect(seen("الهاتف: \u2066+212 539\u2069", "rtl")).toEqual([["L:+212@0", "L: @4", "L:539@5", "L: @8", "L::@9", "A:الهاتف@10"]]);
  });

  it("draws no control character", () => {
    expect(seen("a\u0007b\tc", "ltr")).toEqual([["L:ab@0", "L: @2", "L:c@3"]]);
  });
});
