import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("needs 12 characters (counted as characters, not bytes) and at most 200", () => {
    expect(passwordProblem("k7#vQ9!mZ2p")).toBe("too_short");
    expect(passwordProblem("تطوان-مدينة-ج")).toBeNull();
    expect(passwordProblem("x".repeat(201))).toBe("too_long");
  });

  it("refuses the common passwords, also with digits or symbols around them", () => {
    for (const p of ["password1234", "qwertyuiop123", "Password2026!", "  iloveyou2026 ", "football1234", "1234567890123", "motdepasse123"]) {
      expect(passwordProblem(p), p).toBe("common");
    }
  });

  it("refuses repetitions and keyboard runs", () => {
    for (const p of ["aaaaaaaaaaaa", "abcabcabcabc", "azertyuiop12", "abcdefghijkl", "9876543210987"]) expect(passwordProblem(p), p).toBe("common");
  });

  it("refuses the account's email or name, and passwords published for the demo", () => {
    expect(passwordProblem("sara.alami2026!", ["sara.alami@tetouan.ma", "Sara", "Alami"])).toBe("personal");
    expect(passwordProblem("demo-coordinateur-2026", ["demo-coordinateur-2026"])).toBe("common");
  });

  it("accepts a long passphrase or a random password", () => {
    expect(passwordProblem("un mot de passe assez long")).toBeNull();
    expect(passwordProblem("k7#vQ9!mZ2pX")).toBeNull();
    expect(passwordProblem("cheval agrafe batterie", ["sara.alami@tetouan.ma"])).toBeNull();
  });
});
