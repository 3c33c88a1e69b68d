import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareVersions, MINIMUM_SAFE_VERSIONS, outdatedPackages } from "./versions";

/** The version actually installed (node_modules), not the range package.json asks for. */
function installedVersion(name: string): string | undefined {
  const file = path.join(process.cwd(), "node_modules", name, "package.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version : undefined;
}

describe("installed dependencies", () => {
  it("are at or above the releases that fixed known advisories", () => {
    const installed = Object.fromEntries(Object.keys(MINIMUM_SAFE_VERSIONS).map((name) => [name, installedVersion(name)]));
    expect(outdatedPackages(installed)).toEqual([]);
  });
});

describe("compareVersions", () => {
  it("orders releases and pre-releases as semantic versioning says", () => {
    expect(compareVersions("16.3.3", "16.3.3")).toBe(0);
    expect(compareVersions("16.3.2", "16.3.3")).toBeLessThan(0);
    expect(compareVersions("16.10.0", "16.9.9")).toBeGreaterThan(0);
    expect(compareVersions("19.3.0", "19.2.8")).toBeGreaterThan(0);
    expect(compareVersions("5.0.0-beta.31", "5.0.0-beta.32")).toBeLessThan(0);
    expect(compareVersions("5.0.0-beta.100", "5.0.0-beta.32")).toBeGreaterThan(0);
    expect(compareVersions("5.0.0", "5.0.0-beta.32")).toBeGreaterThan(0);
    expect(compareVersions("5.0.0-alpha.1", "5.0.0-beta.1")).toBeLessThan(0);
    expect(() => compareVersions("latest", "1.0.0")).toThrow();
  });

  it("names what is below its floor or missing", () => {
    expect(outdatedPackages({ next: "16.3.2", react: "19.3.1" }, { next: "16.3.3", react: "19.2.8", "drizzle-orm": "0.45.2" })).toEqual([
      ["next", "16.3.2", "16.3.3"],
      ["drizzle-orm", "missing", "0.45.2"],
    ]);
  });
});
