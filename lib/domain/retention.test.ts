import { describe, expect, it } from "vitest";
import { contactKey, retentionCutoff } from "./retention";

const at = (iso: string) => new Date(iso);

describe("retention", () => {
  it("counts calendar months back, clamping to the month's last day", () => {
    expect(retentionCutoff(at("2026-11-23T10:00:00Z"), 24).toISOString()).toBe("2024-11-23T10:00:00.000Z");
    expect(retentionCutoff(at("2026-03-31T08:00:00Z"), 1).toISOString()).toBe("2026-02-28T08:00:00.000Z");
    expect(retentionCutoff(at("2024-03-31T08:00:00Z"), 1).toISOString()).toBe("2024-02-29T08:00:00.000Z");
    expect(retentionCutoff(at("2026-01-15T00:00:00Z"), 13).toISOString()).toBe("2024-12-15T00:00:00.000Z");
    expect(() => retentionCutoff(at("2026-01-15T00:00:00Z"), 0)).toThrow(RangeError);
  });

  it("reads an email or a phone number as typed", () => {
    expect(contactKey("  Amina@Example.ORG ")).toEqual({ email: "amina@example.org" });
    expect(contactKey("+212 6 61-23.45 67")).toEqual({ phone: "+212661234567" });
    expect(contactKey("(0539) 99 88 77")).toEqual({ phone: "0539998877" });
    expect(contactKey("Amina")).toBeNull();
    expect(contactKey("12")).toBeNull();
  });
});
