import { describe, expect, it } from "vitest";
import { expiringCache } from "./expiring";

describe("an expiring cache", () => {
  it("computes a key once however many ask at once, keeps it for its lifetime, then computes again", async () => {
    let clock = 0;
    let computed = 0;
    const cache = expiringCache<Promise<number>>({ ttlMs: 1000, maxEntries: 10, now: () => clock });
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 5));
    const crowd = await Promise.all(Array.from({ length: 50 }, () => cache.get("a", compute)));
    expect(crowd).toEqual(Array(50).fill(1));
    clock = 999;
    expect(await cache.get("a", compute)).toBe(1);
    clock = 1000;
    expect(await cache.get("a", compute)).toBe(2);
    expect(computed).toBe(2);
  });

  it("does not keep a failure: the next caller computes again", async () => {
    const cache = expiringCache<Promise<number>>({ ttlMs: 1000, maxEntries: 10, now: () => 0 });
    await expect(cache.get("a", () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    await Promise.resolve();
    expect(await cache.get("a", async () => 3)).toBe(3);
  });

  it("holds at most maxEntries keys, the least recently used leaving first", async () => {
    const cache = expiringCache<string>({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    cache.get("a", () => "a1");
    cache.get("b", () => "b1");
    cache.get("a", () => "a2"); // used: b is now the oldest
    cache.get("c", () => "c1");
    expect(cache.size).toBe(2);
    expect(cache.get("a", () => "a3")).toBe("a1");
    expect(cache.get("b", () => "b2")).toBe("b2");
  });
});
