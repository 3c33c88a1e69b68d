import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "@/db";
import { installTestDatabase } from "@/db/testing";
import { admit, hitRateLimit, sweepRateLimits } from "./rate-limits";
import { DAY_MS } from "@/lib/domain/time";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

describe("rate limits in the database", () => {
  it("are kept in an unlogged table: a counter's update never waits for a disk flush", async () => {
    const rows = await handle.db.execute<{ persistence: string }>(sql`select relpersistence as persistence from pg_class where relname = 'rate_limits'`);
    expect(rowsOf(rows)).toEqual([{ persistence: "u" }]);
  });

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
    const hits = (email: string) =>
      admit(
        [
          { key: "a:1", policy: loose },
          { key: email, policy: tight },
        ],
        { now },
      ).then((r) => r.verdict);
    expect(await hits("e:1")).toEqual({ allowed: true });
    expect(await hits("e:1")).toEqual({ allowed: false, retryAfterSeconds: 3600 });
    expect(await hits("e:2")).toEqual({ allowed: true });
  });

  it("sees a submission key once, however many times it comes back at once", async () => {
    const now = new Date("2026-11-23T11:00:00Z");
    const tight = { limit: 1, windowMs: 3_600_000 };
    const once = (key: string) => admit([{ key: "address:9", policy: tight }], { now, once: { key } });
    const sights = await Promise.all(Array.from({ length: 10 }, () => once("report:key:abc")));
    expect(sights.filter((s) => s.firstSight)).toHaveLength(1);
    // The retries spent nothing: the limit of one was used by the first sight only, and is now used up.
    expect(sights.every((s) => s.verdict.allowed)).toBe(true);
    expect(await once("report:key:other")).toEqual({ firstSight: true, verdict: { allowed: false, retryAfterSeconds: 3600 } });
  });

  it("forgets counters two days after their window started, not before", async () => {
    const now = new Date("2026-11-23T12:00:00Z");
    await hitRateLimit("sweep:old", { limit: 5, windowMs: 60_000 }, new Date(now.getTime() - 3 * DAY_MS));
    await hitRateLimit("sweep:recent", { limit: 5, windowMs: 60_000 }, new Date(now.getTime() - DAY_MS));
    expect(await sweepRateLimits(now)).toBeGreaterThanOrEqual(1);
    // The recent key still counts: its second hit in a fresh window is allowed, and it still exists.
    expect(await hitRateLimit("sweep:old", { limit: 1, windowMs: 60_000 }, now)).toEqual({ allowed: true });
    expect(await hitRateLimit("sweep:recent", { limit: 1, windowMs: 10 * DAY_MS }, now)).toMatchObject({ allowed: false });
  });
});
