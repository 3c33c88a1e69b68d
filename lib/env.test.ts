import { describe, expect, it } from "vitest";
import { isDemo, parseEnv } from "./env";

describe("environment", () => {
  it("keeps citizens' contact data 24 months after a report ends unless RETENTION_MONTHS says otherwise", () => {
    expect(parseEnv({ NODE_ENV: "test" }).retentionMonths).toBe(24);
    expect(parseEnv({ NODE_ENV: "test", RETENTION_MONTHS: "36" }).retentionMonths).toBe(36);
    expect(() => parseEnv({ NODE_ENV: "test", RETENTION_MONTHS: "0" })).toThrow();
    expect(() => parseEnv({ NODE_ENV: "test", RETENTION_MONTHS: "two years" })).toThrow();
  });

  it("refuses to start in production without the keys that guard users", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET.*APP_URL/);
    expect(parseEnv({ NODE_ENV: "production", APP_MODE: "demo" }).isProduction).toBe(false);
  });

  it("is a demo only where a person asked for it", () => {
    // `npm start` on the embedded database is the README's quick start: the demo.
    expect(isDemo({}, { command: "start" })).toBe(true);
    expect(isDemo({ DATABASE_URL: "  " }, { command: "start" })).toBe(true);
    // Against a real database, `npm start` is production unless told otherwise.
    expect(isDemo({ DATABASE_URL: "postgres://db/city" }, { command: "start" })).toBe(false);
    expect(isDemo({ DATABASE_URL: "postgres://db/city" }, { command: "start", args: ["--demo"] })).toBe(true);
    expect(isDemo({ DATABASE_URL: "postgres://db/city", APP_MODE: "demo" }, { command: "start" })).toBe(true);
    expect(isDemo({ APP_MODE: "production" }, { command: "start" })).toBe(false);
    // `npm run db:seed` and the app: only when asked.
    expect(isDemo({}, { command: "seed" })).toBe(false);
    expect(isDemo({}, { command: "seed", args: ["--demo"] })).toBe(true);
    expect(isDemo({ APP_MODE: "demo" }, { command: "seed" })).toBe(true);
    expect(isDemo({}, { command: "app" })).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", APP_MODE: "production", AUTH_SECRET: "s", APP_URL: "https://x.example" }).isProduction).toBe(true);
    expect(() => parseEnv({ NODE_ENV: "production", APP_MODE: "staging" })).toThrow();
  });
});
