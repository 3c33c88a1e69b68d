/**
 * Whose request is this: the rule the server (lib/server/http.ts) applies to every connection before
 * the app sees it. The client's address is the TCP connection's; an X-Forwarded-For header counts
 * only for the hops that configured trusted proxies (TRUSTED_PROXIES) appended, read from the right
 * (the nearest hop first), as Express's `trust proxy` does. Anything a client typed to the left of
 * those hops is ignored: a forged header never gives a fresh rate-limit quota.
 * Pure: no I/O, no process.env.
 */
import { BlockList, isIP } from "node:net";

/** Which connections are proxies of ours: none, the nearest `hops`, or those whose address is listed. */
export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; list: BlockList; text: string };

/** Named ranges, as proxy-addr spells them. */
const RANGES: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

const SETTING_HELP =
  "TRUSTED_PROXIES must be a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses, CIDR ranges or loopback/linklocal/uniquelocal";

/**
 * Reads TRUSTED_PROXIES: unset or `0` → no proxy (the connection's address, whatever headers say);
 * `N` → the nearest N hops are proxies; `loopback, 10.0.0.0/8, 2001:db8::1` → connections from those
 * addresses are proxies. Throws a sentence naming the setting when it cannot be read.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 32) throw new Error(`${SETTING_HELP}: ${text} hops is not a plausible chain.`);
    return { kind: "hops", hops };
  }
  const list = new BlockList();
  for (const entry of text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    for (const range of RANGES[entry.toLowerCase()] ?? [entry]) {
      const [address, prefix, extra] = range.split("/");
      const family = isIP(address);
      const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
      if (family === 0 || extra !== undefined || !/^\d*$/.test(prefix ?? "") || bits > (family === 6 ? 128 : 32)) {
        throw new Error(`${SETTING_HELP}; "${entry}" is none of these.`);
      }
      list.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
    }
  }
  return { kind: "addresses", list, text };
}

/**
 * An address as the rate limits count it: IPv4-mapped IPv6 (`::ffff:203.0.113.7`, how a dual-stack
 * socket reports an IPv4 client) as plain IPv4, and a hop written with a port (`203.0.113.7:5123`,
 * `[2001:db8::1]:443`, as some proxies append it) without the port. Undefined when it is no address.
 */
export function normalizeAddress(raw: string | undefined): string | undefined {
  let text = raw?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) text = mapped[1];
  const family = isIP(text);
  if (family === 0) return undefined;
  return family === 6 ? text.toLowerCase() : text;
}

function trusted(trust: TrustedProxies, address: string, hop: number): boolean {
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return hop < trust.hops;
  return trust.list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** Whether the connection itself comes from a trusted proxy (whose X-Forwarded-Host/-Proto count). */
export function connectionIsTrustedProxy(remoteAddress: string | undefined, trust: TrustedProxies): boolean {
  const connection = normalizeAddress(remoteAddress);
  return connection !== undefined && trusted(trust, connection, 0);
}

/**
 * The client's address for one request. `remoteAddress` is the socket's peer; `forwardedFor` the
 * X-Forwarded-For header(s) it sent. Walks from the connection towards the client: while the current
 * hop is a trusted proxy, the hop it appended (the rightmost remaining entry) is the next one; the
 * first untrusted hop is the client. A proxy that appended no valid address leaves its own.
 */
export function resolveClientAddress(input: {
  remoteAddress: string | undefined;
  forwardedFor: string | readonly string[] | undefined;
  trust: TrustedProxies;
}): string {
  const connection = normalizeAddress(input.remoteAddress) ?? "unknown";
  const header = typeof input.forwardedFor === "string" ? input.forwardedFor : (input.forwardedFor ?? []).join(",");
  const hops = header
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean)
    .reverse();
  let current = connection;
  for (let hop = 0; hop < hops.length + 1; hop++) {
    if (current === "unknown" || !trusted(input.trust, current, hop)) return current;
    const next = normalizeAddress(hops[hop]);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}
