import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CROCKFORD_ALPHABET, generateTrackingNumber, parseTrackingNumber } from "./tracking-number";

const fixed = (bytes: number[]) => () => Uint8Array.from(bytes);
const symbolsOf = (n: string) => n.replace(/^TET-/, "").replaceAll("-", "");
const rebuild = (s: string) => `TET-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;

describe("generateTrackingNumber", () => {
  it("formats 40 random bits as PREFIX-XXXX-XXXX-C in Crockford base32", () => {
    expect(generateTrackingNumber("TET", fixed([0, 0, 0, 0, 0]))).toBe("TET-0000-0000-0");
    const n = generateTrackingNumber("TET", fixed([0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(n).toMatch(/^TET-ZZZZ-ZZZZ-[0-9A-Z]$/);
    for (let i = 0; i < 200; i++) {
      expect(generateTrackingNumber("TET", (k) => randomBytes(k))).toMatch(/^TET-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/);
    }
  });

  it("maps different random bytes to different numbers", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(generateTrackingNumber("TET", (k) => randomBytes(k)));
    expect(seen.size).toBe(5000);
    expect(generateTrackingNumber("TET", fixed([1, 2, 3, 4, 5]))).not.toBe(generateTrackingNumber("TET", fixed([1, 2, 3, 4, 6])));
  });

  it("round-trips through the parser", () => {
    for (let i = 0; i < 500; i++) {
      const n = generateTrackingNumber("TET", (k) => randomBytes(k));
      expect(parseTrackingNumber(n, "TET")).toEqual({ ok: true, trackingNumber: n });
    }
  });
});

describe("parseTrackingNumber", () => {
  const n = generateTrackingNumber("TET", fixed([0x3a, 0x91, 0x7c, 0x05, 0xee]));

  it("accepts any case, with or without dashes, spaces or prefix, and I/L/O look-alikes", () => {
    const compact = symbolsOf(n);
    for (const typed of [n.toLowerCase(), `tet${compact.toLowerCase()}`, compact, ` ${compact.slice(0, 4)} ${compact.slice(4)} `, `TET_${compact}`]) {
      expect(parseTrackingNumber(typed, "TET")).toEqual({ ok: true, trackingNumber: n });
    }
    const withOnes = generateTrackingNumber("TET", fixed([0x08, 0x42, 0x10, 0x84, 0x21])); // all symbols "1"
    expect(symbolsOf(withOnes).slice(0, 8)).toBe("11111111");
    expect(parseTrackingNumber(withOnes.replaceAll("1", "l"), "TET")).toMatchObject({ ok: true });
    expect(parseTrackingNumber(withOnes.replaceAll("1", "I"), "TET")).toMatchObject({ ok: true });
    const zeros = generateTrackingNumber("TET", fixed([0, 0, 0, 0, 0]));
    expect(parseTrackingNumber(zeros.replaceAll("0", "o"), "TET")).toEqual({ ok: true, trackingNumber: zeros });
  });

  it("refuses malformed input", () => {
    for (const typed of ["", "TET", "TET-1234", "TET-1234-5678-90", "TET-UUUU-UUUU-U", "TET-12#4-5678-9", "hello world"]) {
      expect(parseTrackingNumber(typed, "TET")).toEqual({ ok: false, error: "tracking.format" });
    }
  });

  it("catches every single-symbol substitution, in every position including the check", () => {
    for (let trial = 0; trial < 30; trial++) {
      const s = symbolsOf(generateTrackingNumber("TET", (k) => randomBytes(k)));
      for (let pos = 0; pos < 9; pos++) {
        for (const replacement of CROCKFORD_ALPHABET) {
          if (replacement === s[pos]) continue;
          const typo = s.slice(0, pos) + replacement + s.slice(pos + 1);
          expect(parseTrackingNumber(rebuild(typo), "TET")).toEqual({ ok: false, error: "tracking.checksum" });
        }
      }
    }
  });

  it("catches every swap of two different adjacent symbols, the check symbol included", () => {
    for (let trial = 0; trial < 300; trial++) {
      const s = symbolsOf(generateTrackingNumber("TET", (k) => randomBytes(k)));
      for (let pos = 0; pos < 8; pos++) {
        if (s[pos] === s[pos + 1]) continue;
        const swapped = s.slice(0, pos) + s[pos + 1] + s[pos] + s.slice(pos + 2);
        expect(parseTrackingNumber(rebuild(swapped), "TET").ok).toBe(false);
      }
    }
  });
});

describe("reportReference", () => {
  it("names a report by its tracking number for staff and by its public number otherwise", async () => {
    const { reportReference } = await import("./report-reference");
    expect(reportReference({ trackingNumber: "TET-7KQ2-M9XD-4", publicNumber: 12 })).toBe("TET-7KQ2-M9XD-4");
    expect(reportReference({ trackingNumber: null, publicNumber: 1042 })).toBe("#1042");
  });
});
