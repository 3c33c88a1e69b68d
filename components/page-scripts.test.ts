/**
 * What the public pages' client components bring with the page. The schema library (zod: the rules
 * the report form loads on its first input), the map library (Leaflet: when the map's place nears the
 * screen) and the photo reader (exifr: when a photo is chosen) are each ≈ 30–45 KB compressed; they
 * come later, by dynamic import, or a phone downloads them before it can use the form (issue 21: the
 * JS of `/report` ≤ 1.1 × the empty page's). This walks the static imports from each page's client
 * entry points, as a bundler does, and fails when one of them is reached.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const LATER = ["zod", "leaflet", "react-leaflet", "exifr"];

/** The module a specifier names: a file of ours, or a package's name. */
function resolve(specifier: string, from: string): { file: string } | { pkg: string } {
  if (!specifier.startsWith(".") && !specifier.startsWith("@/")) {
    const parts = specifier.split("/");
    return { pkg: specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0] };
  }
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && !candidate.endsWith("/") && /\.(tsx?|css)$/.test(candidate)) return { file: candidate };
  }
  throw new Error(`${specifier} (from ${path.relative(ROOT, from)}) does not resolve`);
}

/** The specifiers a module imports at load time: not `import type`, not a list of types only, not `import()`. */
function staticImports(source: string): string[] {
  const out: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;
  for (const m of source.matchAll(statement)) {
    if (m[5]) {
      out.push(m[5]);
      continue;
    }
    if (m[2]) continue;
    const names = /^\{([^}]*)\}$/.exec(m[3].trim());
    if (names?.[1].split(",").every((n) => n.trim() === "" || n.trim().startsWith("type "))) continue;
    out.push(m[4]);
  }
  return out;
}

/** Every package a client entry point brings with it, and through which of our modules. */
function packagesReached(entry: string): Map<string, string> {
  const reached = new Map<string, string>();
  const seen = new Set<string>();
  const stack = [path.join(ROOT, entry)];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file) || file.endsWith(".css")) continue;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, "utf8"))) {
      const target = resolve(specifier, file);
      if ("pkg" in target) reached.set(target.pkg, reached.get(target.pkg) ?? path.relative(ROOT, file));
      else stack.push(target.file);
    }
  }
  return reached;
}

/** The modules a page loads later, by `dynamic()` or `import()`: they may bring what they need. */
const LOADED_LATER = new Set(["components/map/PublicMap.tsx", "components/map/LocationPicker.tsx"]);

/** Every client module of the public side (the staff's screens and charts are not counted here). */
function clientModules(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
    .map((f) => `${folder}/${f}`)
    .filter((f) => !LOADED_LATER.has(f) && readFileSync(path.join(ROOT, f), "utf8").startsWith('"use client"'));
}

const ENTRIES = ["components/map", "components/report", "components/tracking", "components/ui"].flatMap(clientModules);

describe("the public pages' scripts", () => {
  it.each(ENTRIES)("%s brings neither zod, Leaflet nor exifr with the page", (entry) => {
    const reached = packagesReached(entry);
    const found = LATER.filter((pkg) => reached.has(pkg)).map((pkg) => `${pkg} (imported by ${reached.get(pkg)})`);
    expect(found).toEqual([]);
  });

  it("reads imports as a bundler keeps them", () => {
    expect(
      staticImports(
        'import { z } from "zod";\nimport type { A } from "a";\nimport { type B, type C } from "b";\nimport { type D, e } from "d";\nexport * from "./x";\nimport "./y.css";\nconst f = import("f");',
      ),
    ).toEqual(["zod", "d", "./x", "./y.css"]);
  });
});
