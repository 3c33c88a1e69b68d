import { describe, expect, it } from "vitest";
import { locales } from "./config";
import { CLIENT_MESSAGES, clientMessages, messages } from "./messages";

function flatten(tree: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[path] = value;
    else Object.assign(out, flatten(value, path));
  }
  return out;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

describe("messages", () => {
  const flat = Object.fromEntries(locales.map((l) => [l, flatten(messages[l])]));

  it("has the same keys in French, Arabic and English", () => {
    const keys = Object.keys(flat.fr).sort();
    for (const locale of locales) expect(Object.keys(flat[locale]).sort(), locale).toEqual(keys);
  });

  it("uses the same placeholders in every language and leaves no text empty", () => {
    for (const [key, text] of Object.entries(flat.fr)) {
      for (const locale of locales) {
        expect(flat[locale][key].trim(), `${locale}:${key}`).not.toBe("");
        expect(placeholders(flat[locale][key]), `${locale}:${key}`).toEqual(placeholders(text));
      }
    }
  });

  it("translates every error code the report form can receive", async () => {
    const source = await import("node:fs/promises").then((fs) =>
      Promise.all(
        [
          "lib/domain/report-input.ts",
          "lib/dal/attachments.ts",
          "lib/files/process.ts",
          "app/api/uploads/route.ts",
          "lib/dal/reports.ts",
          "app/[locale]/(public)/report/actions.ts",
        ].map((f) => fs.readFile(f, "utf8")),
      ),
    );
    const codes = new Set<string>();
    for (const text of source) {
      for (const m of text.matchAll(/report\.errors\.(\w+)/g)) codes.add(m[1]);
      for (const m of text.matchAll(/\bE\("(\w+)"\)/g)) codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThan(15);
    for (const code of codes) expect(flat.fr[`report.errors.${code}`], code).toBeTypeOf("string");
  });

  it("translates every staff, sign-in and reply code the server can send", async () => {
    const fs = await import("node:fs/promises");
    const files = [
      "lib/domain/staff-input.ts",
      "lib/dal/report-workflow.ts",
      "lib/dal/staff-reports.ts",
      "app/[locale]/(staff)/staff/reports/actions.ts",
      "app/[locale]/(staff)/staff/intake/actions.ts",
      "app/[locale]/login/actions.ts",
      "app/[locale]/(public)/track/[number]/actions.ts",
      "lib/domain/admin-input.ts",
      "lib/dal/admin.ts",
      "app/[locale]/(staff)/staff/admin/actions.ts",
      "lib/dal/penalties.ts",
      "app/[locale]/(staff)/staff/penalties/actions.ts",
    ];
    const codes = new Set<string>();
    for (const file of files) {
      const text = await fs.readFile(file, "utf8");
      for (const m of text.matchAll(/"((?:staff|tracking|login|admin|penalties)\.(?:errors|done|reply)\.[\w.]+)"/g)) codes.add(m[1]);
      const prefix = file.includes("admin") ? "admin" : "staff";
      for (const m of text.matchAll(/\bE\("(\w+)"\)/g)) codes.add(`${prefix}.errors.${m[1]}`);
      for (const m of text.matchAll(/text\(\d+, \d+, "(\w+)"\)/g))
        for (const suffix of ["required", "too_short", "too_long"]) codes.add(`staff.errors.${m[1]}_${suffix}`);
    }
    for (const code of ["throttled", "locked", "invalid"]) codes.add(`login.errors.${code}`);
    expect(codes.size).toBeGreaterThan(40);
    for (const code of codes) expect(flat.fr[code], code).toBeTypeOf("string");
  });

  it("sends the browser only the sets asked for, parts of namespaces nested as in the file", () => {
    const picked = clientMessages("fr", CLIENT_MESSAGES.trackingForms);
    expect(Object.keys(picked).sort()).toEqual(["common", "report", "tracking"]);
    expect(Object.keys(picked.tracking as object).sort()).toEqual(["errors", "feedback", "reply"]);
    expect(Object.keys((picked.tracking as { errors: object }).errors)).toEqual(["rate_limited"]);
    expect((picked.tracking as Record<string, unknown>).reply).toEqual((messages.fr.tracking as Record<string, unknown>).reply);
    expect(Object.keys(picked.report as object).sort()).toEqual(["errors", "files"]);
    // The chrome's messages come with every set; the home page needs nothing else.
    expect(Object.keys(clientMessages("ar", []))).toEqual(["common"]);
    // Sets that overlap (a namespace and a part of it) send the namespace once, unchanged.
    const before = JSON.stringify(messages.fr);
    expect(clientMessages("fr", ["report.files", ...CLIENT_MESSAGES.reportForm, ...CLIENT_MESSAGES.trackingForms]).report).toEqual(messages.fr.report);
    expect(JSON.stringify(messages.fr)).toBe(before);
    expect(JSON.stringify(clientMessages("fr", [])).length).toBeLessThan(JSON.stringify(clientMessages("fr", CLIENT_MESSAGES.reportForm)).length / 5);
  });

  it("names only paths that exist, in every language", () => {
    for (const locale of locales)
      for (const set of Object.values(CLIENT_MESSAGES)) expect(() => clientMessages(locale, set), `${locale}: ${set.join(", ")}`).not.toThrow();
    expect(() => clientMessages("fr", ["tracking.nope"])).toThrow(/tracking\.nope/);
  });
});
