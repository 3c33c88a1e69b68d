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

  it("by family of request types: the families' names for people, their codes for programs", () => {
    const families = [
      { key: "complaint", label: "complaint", metrics: metrics(30) },
      { key: "request", label: "request", metrics: metrics(12) },
    ];
    const people = statisticsCsv("fr", "kind", families, metrics(42), csvDialect(null, "fr")).slice(1).trim().split("\r\n");
    expect(people[0]).toMatch(/^Famille;Reçus;/);
    expect(people[1]).toMatch(/^Réclamations;30;/);
    expect(people[2]).toMatch(/^Autres demandes;12;/);
    const machine = statisticsCsv("en", "kind", families, metrics(42), csvDialect("machine", "en")).trim().split("\r\n");
    expect(machine[0]).toMatch(/^kind,name,received,/);
    expect(machine[2]).toMatch(/^request,request,12,/);
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
