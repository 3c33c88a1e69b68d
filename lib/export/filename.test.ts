import { describe, expect, it } from "vitest";
import { exportDisposition, exportFileName } from "./filename";

describe("export file names", () => {
  it("join the validated words with dashes", () => {
    expect(exportFileName(["statistiques", "2026-01-01", "2026-03-31", "service"], "csv")).toBe("statistiques-2026-01-01-2026-03-31-service.csv");
    expect(exportFileName(["penalites", undefined], "csv")).toBe("penalites.csv");
    expect(exportDisposition(["penalites", "2026-03"], "csv")).toBe(`attachment; filename="penalites-2026-03.csv"; filename*=UTF-8''penalites-2026-03.csv`);
  });

  it("stay ASCII letters, digits and dashes whatever a word holds", () => {
    for (const hostile of [
      '2026-01"; filename="evil.exe',
      "../../etc/passwd",
      "a\r\nSet-Cookie: x=1",
      "pénalités ١٢",
      "\u202egnp.exe",
      "a;b,c=d\\e'f%00",
      "x".repeat(500),
    ]) {
      const name = exportFileName(["penalites", hostile], "csv");
      expect(name, hostile).toMatch(/^[A-Za-z0-9_-]{1,100}\.csv$/);
      const header = exportDisposition(["penalites", hostile], "csv");
      expect(header).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      expect(new Headers({ "content-disposition": header }).get("content-disposition")).toBe(header);
    }
    expect(exportFileName(["pénalités"], "csv")).toBe("penalites.csv");
    expect(exportFileName([], "csv")).toBe("export.csv");
  });
});
