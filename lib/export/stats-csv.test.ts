import { describe, expect, it } from "vitest";
import { computeMetrics, NO_DELEGATE } from "@/lib/domain/stats";
import { csvDialect } from "./csv";
import { statisticsCsv } from "./stats-csv";

const now = new Date("2026-11-20T10:00:00Z");
const metrics = (received: number, confirmedMinor = 0) => {
  const m = computeMetrics([], now);
  return {
    ...m,
    received,
    answeredOnTime: 1,
    medianResponseDays: 4.5,
    penalties: {
      ...m.penalties,
      confirmedCount: confirmedMinor ? 2 : 0,
      confirmedMinor,
      byState: { ...m.penalties.byState, proposed: { count: 3, amountMinor: 150_000 } },
    },
  };
};
const rows = [
  { key: "2", label: "Tétouan Propreté SA", metrics: metrics(40, 100_000) },
  { key: NO_DELEGATE, label: NO_DELEGATE, metrics: metrics(32) },
];

describe("statisticsCsv", () => {
  it("for a French reader: BOM, `;`, French headers and words, decimal comma", () => {
    const csv = statisticsCsv("fr", "delegate", rows, metrics(72, 100_000), csvDialect(null, "fr"));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toMatch(/^Délégataire;Reçus;Orientés;/);
    expect(lines[0]).not.toMatch(/_/);
    expect(lines[1]).toMatch(/^Tétouan Propreté SA;40;/);
    expect(lines[1].split(";")[6]).toBe("4,5");
    expect(lines[1]).toContain(";1000,00;3;");
    expect(lines[2]).toMatch(/^Sans délégataire \(services gérés par la commune\);32;/);
    expect(lines[3]).toMatch(/^Total;72;/);
  });

  it("in Arabic: Arabic headers, `;`; channels are translated", () => {
    const csv = statisticsCsv("ar", "channel", [{ key: "phone", label: "phone", metrics: metrics(5) }], metrics(5), csvDialect(null, "ar"));
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toMatch(/^القناة;/);
    expect(lines[1]).not.toMatch(/^phone;/);
    expect(lines[1].split(";")[1]).toBe("5");
  });

  it("for programs: codes, `,`, the decimal point, no BOM", () => {
    const csv = statisticsCsv("fr", "delegate", rows, metrics(72, 100_000), csvDialect("machine", "fr"));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^delegate,name,received,routed,routed_on_time,/);
    expect(lines[1]).toMatch(/^2,Tétouan Propreté SA,40,/);
    expect(lines[1]).toContain(",4.5,");
    expect(lines[1]).toContain(",1000.00,3,");
    expect(lines[2]).toMatch(/^none,none,32,/);
    expect(lines[3]).toMatch(/^total,,72,/);
  });
});
