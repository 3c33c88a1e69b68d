/**
 * Installed packages against the releases that fixed known advisories. `npm audit` cannot reach its
 * advisory service from the build machines, so the floor is kept here and checked by a test
 * (versions.test.ts); operators also run `npm audit --audit-level=high` where it is reachable.
 */

/** Package → the first release without a known high or critical advisory. */
export const MINIMUM_SAFE_VERSIONS: Record<string, string> = {
  next: "16.3.3",
  react: "19.2.8",
  "react-dom": "19.2.8",
  "next-auth": "5.0.0-beta.32",
  "@auth/core": "0.41.3",
  "drizzle-orm": "0.45.2",
};

type Parsed = { core: number[]; pre: (string | number)[] };

function parse(version: string): Parsed {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(version.trim());
  if (!match) throw new Error(`not a semantic version: ${version}`);
  const pre = match[4] ? match[4].split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [];
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], pre };
}

/** Semantic-version order: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i] - y.core[i];
  // A release sorts after its pre-releases (1.0.0-beta < 1.0.0).
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === "number" && typeof q === "number") return p - q;
    if (typeof p === "number") return -1;
    if (typeof q === "number") return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/** The installed packages below their floor: `[name, installed, minimum]`. */
export function outdatedPackages(installed: Record<string, string | undefined>, minimums = MINIMUM_SAFE_VERSIONS): [string, string, string][] {
  return Object.entries(minimums).flatMap(([name, minimum]) => {
    const version = installed[name];
    if (!version) return [[name, "missing", minimum] as [string, string, string]];
    return compareVersions(version, minimum) < 0 ? [[name, version, minimum] as [string, string, string]] : [];
  });
}
