/**
 * Where the journeys find Chromium, and `npm test` / `npm run test:e2e` on a machine without one:
 * they stop at once with the one sentence that says what to install, having run no test.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHROMIUM_MISSING, findChromium } from "./chromium";

const present =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe("findChromium", () => {
  it("takes CHROMIUM_PATH, else the first system path that exists, else none", () => {
    expect(findChromium({ CHROMIUM_PATH: "/opt/chrome/chrome" }, ["/usr/bin/chromium"], present("/opt/chrome/chrome", "/usr/bin/chromium"))).toBe(
      "/opt/chrome/chrome",
    );
    expect(findChromium({}, ["/usr/bin/chromium", "/usr/bin/chromium-browser"], present("/usr/bin/chromium-browser"))).toBe("/usr/bin/chromium-browser");
    expect(findChromium({}, ["/usr/bin/chromium", "/usr/bin/chromium-browser"], present())).toBeUndefined();
  });

  it("never replaces a CHROMIUM_PATH that names no file by the system's", () => {
    expect(findChromium({ CHROMIUM_PATH: "/nonexistent" }, ["/usr/bin/chromium"], present("/usr/bin/chromium"))).toBeUndefined();
  });
});

/**
 * Runs a script of the project as `npm test` would, with no Chromium to find, in its own process
 * group: should the check be gone, whatever it started is stopped after 20 s, and a vitest it
 * started skips these tests (no recursion).
 */
async function withoutChromium(script: string, args: string[]) {
  const started = Date.now();
  const child = spawn(process.execPath, [path.resolve(script), ...args], {
    env: { ...process.env, CHROMIUM_PATH: "/nonexistent", CHROMIUM_CHECK_CHILD: "1", CI: "1" },
    detached: true,
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 20_000);
  const [status] = (await once(child, "close")) as [number | null];
  clearTimeout(timer);
  return { status, seconds: (Date.now() - started) / 1000, output };
}

describe.skipIf(process.env.CHROMIUM_CHECK_CHILD)("without Chromium", () => {
  it("npm test stops before the unit tests with the sentence and nothing else", async () => {
    const run = await withoutChromium("node_modules/tsx/dist/cli.mjs", ["scripts/test.ts"]);
    expect(run.status).toBe(1);
    expect(run.seconds).toBeLessThan(10);
    // The only line: no step started, no vitest or Playwright output.
    expect(run.output.trim()).toBe(`[test] ${CHROMIUM_MISSING}`);
  });

  it("npm run test:e2e stops at its configuration, before the server is built or a journey runs", async () => {
    const run = await withoutChromium("node_modules/@playwright/test/cli.js", ["test"]);
    expect(run.status).not.toBe(0);
    expect(run.seconds).toBeLessThan(10);
    expect(run.output).toContain(CHROMIUM_MISSING);
    expect(run.output).not.toMatch(/Running \d+ tests?|npx playwright install|\[WebServer\]/);
  });
});
