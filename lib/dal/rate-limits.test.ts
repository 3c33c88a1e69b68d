import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { installTestDatabase } from "@/db/testing";
import { hitAll, hitRateLimit } from "./rate-limits";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

describe("rate limits in the database", () => {
  it("let exactly `limit` concurrent hits through, then answer when to retry", async () => {
    const policy = { limit: 5, windowMs: 60_000 };
    const now = new Date("2026-11-23T09:00:00Z");
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => hitRateLimit("test:burst", policy, now)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    expect(verdicts.find((v) => !v.allowed)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // A new window starts once the old one is over.
    expect(await hitRateLimit("test:burst", policy, new Date(now.getTime() + 61_000))).toEqual({ allowed: true });
  });

  it("refuses when any of several limits is exceeded", async () => {
    const now = new Date("2026-11-23T10:00:00Z");
    const tight = { limit: 1, windowMs: 3_600_000 };
    const loose = { limit: 100, windowMs: 3_600_000 };
    expect(await hitAll([{ key: "a:1", policy: loose }, { key: "e:1", policy: tight }], now)).toEqual({ allowed: true });
    expect(await hitAll([{ key: "a:1", policy: loose }, { key: "e:1", policy: tight }], now)).toMatchObject({ allowed: false });
    expect(await hitAll([{ key: "a:1", policy: loose }, { key: "e:2", policy: tight }], now)).toEqual({ allowed: true });
  });
});
