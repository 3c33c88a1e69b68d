import { describe, expect, it } from "vitest";
import { normalizeAddress, parseTrustedProxies, resolveClientAddress } from "./client-address";

const none = parseTrustedProxies(undefined);
const resolve = (remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trust = none) =>
  resolveClientAddress({ remoteAddress, forwardedFor, trust });

describe("the client's address", () => {
  it("without a trusted proxy is the connection's, whatever X-Forwarded-For says", () => {
    expect(resolve("203.0.113.7", undefined)).toBe("203.0.113.7");
    expect(resolve("203.0.113.7", "198.51.100.1")).toBe("203.0.113.7");
    expect(resolve("203.0.113.7", "198.51.100.1, 198.51.100.2")).toBe("203.0.113.7");
    expect(resolve("203.0.113.7", ["1.1.1.1", "2.2.2.2"])).toBe("203.0.113.7");
    expect(parseTrustedProxies("0")).toEqual({ kind: "none" });
    expect(parseTrustedProxies("  ")).toEqual({ kind: "none" });
  });

  it("behind one trusted hop is the hop that proxy appended; entries the client put to its left are ignored", () => {
    const oneHop = parseTrustedProxies("1");
    expect(resolve("10.0.0.2", "203.0.113.7", oneHop)).toBe("203.0.113.7");
    // The client sent `X-Forwarded-For: 6.6.6.6, 7.7.7.7`; the proxy appended the real peer.
    expect(resolve("10.0.0.2", "6.6.6.6, 7.7.7.7, 203.0.113.7", oneHop)).toBe("203.0.113.7");
    expect(resolve("10.0.0.2", ["6.6.6.6", "203.0.113.7"], oneHop)).toBe("203.0.113.7");
    // A proxy that appended nothing: its own address, never a fresh bucket.
    expect(resolve("10.0.0.2", undefined, oneHop)).toBe("10.0.0.2");
    expect(resolve("10.0.0.2", "not-an-address", oneHop)).toBe("10.0.0.2");
    // Two hops (a CDN, then a load balancer): the CDN's entry is the client.
    expect(resolve("10.0.0.2", "6.6.6.6, 203.0.113.7, 172.16.0.9", parseTrustedProxies("2"))).toBe("203.0.113.7");
  });

  it("with trusted addresses walks back through the proxies only", () => {
    const loopback = parseTrustedProxies("loopback");
    expect(resolve("127.0.0.1", "6.6.6.6, 203.0.113.7", loopback)).toBe("203.0.113.7");
    expect(resolve("::1", "203.0.113.7", loopback)).toBe("203.0.113.7");
    // A connection that is not a proxy of ours: its X-Forwarded-For is the client's own text.
    expect(resolve("203.0.113.9", "6.6.6.6", loopback)).toBe("203.0.113.9");
    const chain = parseTrustedProxies("10.0.0.0/8, 192.0.2.10");
    expect(resolve("10.1.2.3", "6.6.6.6, 203.0.113.7, 192.0.2.10", chain)).toBe("203.0.113.7");
    // A forged trusted address to the left of the client changes nothing: the walk stops at the client.
    expect(resolve("10.1.2.3", "10.9.9.9, 203.0.113.7", chain)).toBe("203.0.113.7");
    expect(resolve("10.1.2.3", "10.9.9.9, 10.8.8.8", chain)).toBe("10.9.9.9");
  });

  it("reads IPv6, IPv4-mapped IPv6 and hops written with a port", () => {
    expect(resolve("::ffff:203.0.113.7", "198.51.100.1")).toBe("203.0.113.7");
    expect(resolve("2001:DB8::1", undefined)).toBe("2001:db8::1");
    expect(resolve("::ffff:127.0.0.1", "2001:db8::7", parseTrustedProxies("loopback"))).toBe("2001:db8::7");
    expect(resolve("fd00::1", "[2001:db8::7]:443", parseTrustedProxies("uniquelocal"))).toBe("2001:db8::7");
    expect(resolve("10.0.0.2", "203.0.113.7:51234", parseTrustedProxies("1"))).toBe("203.0.113.7");
    expect(normalizeAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(normalizeAddress("bogus")).toBeUndefined();
    expect(resolve(undefined, "203.0.113.7", parseTrustedProxies("1"))).toBe("unknown");
  });

  it("refuses a TRUSTED_PROXIES it cannot read, naming the setting", () => {
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0.0/8/1", "proxy.internal", "::1/129", "100"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});
