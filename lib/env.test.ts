import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

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
});
