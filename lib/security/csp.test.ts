import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./csp";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it("allows scripts only with the response's nonce, and nothing that frames or embeds the site", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123==", tileUrl: "https://tile.openstreetmap.org/{z}/{x}/{y}.png" });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "img-src")).toBe("img-src 'self' blob: data: https://tile.openstreetmap.org");
  });

  it("lets the map's tiles in from their server, with subdomains", () => {
    const policy = contentSecurityPolicy({ nonce: "n", tileUrl: "https://{s}.tile.example.org/{z}/{x}/{y}.png" });
    expect(directive(policy, "img-src")).toContain("https://*.tile.example.org");
    expect(directive(contentSecurityPolicy({ nonce: "n", tileUrl: "not a url" }), "img-src")).toBe("img-src 'self' blob: data:");
  });

  it("allows eval only in development", () => {
    expect(directive(contentSecurityPolicy({ nonce: "n", tileUrl: "", development: true }), "script-src")).toContain("'unsafe-eval'");
  });
});

describe("newNonce", () => {
  it("is fresh each time and 128 bits long", () => {
    const a = newNonce();
    expect(a).not.toBe(newNonce());
    expect(atob(a)).toHaveLength(16);
  });
});
