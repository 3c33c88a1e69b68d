/**
 * The Chromium the browser journeys run in, found in one place for `playwright.config.ts`,
 * `npm test` (scripts/test.ts) and the benchmarks. `npx playwright install` cannot download here,
 * and no npm package ships a Chromium that fits (@sparticuz/chromium's is built for AWS Lambda:
 * six versions behind Playwright's and needing the host's NSS libraries), so the journeys use the
 * system's: `CHROMIUM_PATH` when set, else Debian's `chromium` package.
 */
import fs from "node:fs";

/** Where Debian's and Ubuntu's packages put it. */
export const SYSTEM_CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** What `npm test` and `npm run test:e2e` say, and nothing else, when there is none. */
export const CHROMIUM_MISSING =
  "The browser journeys need Chromium: apt-get install -y chromium (Debian), or set CHROMIUM_PATH to a Chromium or Chrome executable.";

/**
 * The executable to launch, or undefined when there is none. A `CHROMIUM_PATH` that names no file
 * is not replaced by the system's: the person who set it meant that one.
 */
export function findChromium(
  env: Record<string, string | undefined> = process.env,
  candidates: readonly string[] = SYSTEM_CHROMIUM_PATHS,
  exists: (file: string) => boolean = fs.existsSync,
): string | undefined {
  if (env.CHROMIUM_PATH) return exists(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return candidates.find((file) => exists(file));
}
