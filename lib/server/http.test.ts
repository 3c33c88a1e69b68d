import type { AddressInfo } from "node:net";
import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, CLIENT_TOKEN_ENV, CLIENT_TOKEN_HEADER, clientAddress, UNKNOWN_CLIENT } from "@/lib/auth/address";
import { parseTrustedProxies } from "./client-address";
import { createAppServer } from "./http";

/** Headers a client forges to get a fresh quota per request. */
const FORGED = (n: number) => ({
  "x-forwarded-for": `198.51.100.${n}`,
  "x-real-ip": `198.51.100.${n}`,
  forwarded: `for=198.51.100.${n}`,
  [CLIENT_ADDRESS_HEADER]: `198.51.100.${n}`,
  [CLIENT_TOKEN_HEADER]: "guessed-token",
});

let server: http.Server | undefined;
afterEach(async () => {
  if (!server) return;
  const closing = server;
  server = undefined;
  closing.closeAllConnections();
  await new Promise((resolve) => closing.close(resolve));
});

/** Our server with a stub app that answers what the real app's clientAddress() reads, and the address headers it got. */
async function start(trustedProxies?: string): Promise<string> {
  server = createAppServer(
    (req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, String(value));
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          address: clientAddress(headers),
          xRealIp: headers.get("x-real-ip"),
          forwarded: headers.get("forwarded"),
          host: headers.get("x-forwarded-host"),
          proto: headers.get("x-forwarded-proto"),
        }),
      );
    },
    { trust: parseTrustedProxies(trustedProxies) },
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

async function seen(url: string, headers: Record<string, string>) {
  return (await (await fetch(url, { headers })).json()) as {
    address: string;
    xRealIp: string | null;
    forwarded: string | null;
    host: string | null;
    proto: string | null;
  };
}

describe("the server in front of the app", () => {
  it("gives the app the connection's address, whatever address headers the client forged", async () => {
    const url = await start();
    const addresses = new Set<string>();
    for (let n = 1; n <= 25; n++) {
      const got = await seen(url, FORGED(n));
      addresses.add(got.address);
      expect(got.xRealIp).toBeNull();
      expect(got.forwarded).toBeNull();
    }
    expect([...addresses]).toEqual(["127.0.0.1"]);
  });

  it("behind a trusted proxy (TRUSTED_PROXIES=loopback) gives the hop the proxy appended, not the client's entries", async () => {
    const url = await start("loopback");
    // What a proxy sends when its client forged `X-Forwarded-For: 198.51.100.n`: it appends the peer.
    expect((await seen(url, { ...FORGED(1), "x-forwarded-for": "198.51.100.1, 203.0.113.7" })).address).toBe("203.0.113.7");
    expect((await seen(url, { ...FORGED(2), "x-forwarded-for": "198.51.100.2, 203.0.113.7" })).address).toBe("203.0.113.7");
    // A request the proxy did not forward (no header): the proxy's own address.
    expect((await seen(url, {})).address).toBe("127.0.0.1");
  });

  it("with the hop count (TRUSTED_PROXIES=1) reads the rightmost hop", async () => {
    const url = await start("1");
    expect((await seen(url, { "x-forwarded-for": "6.6.6.6, 203.0.113.8" })).address).toBe("203.0.113.8");
  });
});

describe("the app served without our server (plain `next start`)", () => {
  it("counts every request as one unknown client: a forged header, even with a guessed token, opens no quota", () => {
    expect(process.env[CLIENT_TOKEN_ENV]).toBeTruthy(); // made by the server above
    for (let n = 1; n <= 5; n++) {
      expect(clientAddress(new Headers(FORGED(n)))).toBe(UNKNOWN_CLIENT);
      expect(clientAddress(new Headers({ "x-forwarded-for": `198.51.100.${n}` }))).toBe(UNKNOWN_CLIENT);
    }
    const saved = process.env[CLIENT_TOKEN_ENV];
    delete process.env[CLIENT_TOKEN_ENV];
    try {
      // No token in the process at all: an empty token header does not match it.
      expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "198.51.100.1", [CLIENT_TOKEN_HEADER]: "" }))).toBe(UNKNOWN_CLIENT);
    } finally {
      process.env[CLIENT_TOKEN_ENV] = saved;
    }
  });

  it("passes on the original host and scheme only from a trusted proxy (Auth.js builds its URLs from them)", async () => {
    const origin = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };
    let url = await start();
    expect(await seen(url, origin)).toMatchObject({ host: null, proto: null });
    server!.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    url = await start("loopback");
    expect(await seen(url, { ...origin, "x-forwarded-host": "reclamations.example.org", "x-forwarded-proto": "https" })).toMatchObject({
      host: "reclamations.example.org",
      proto: "https",
    });
  });
});
