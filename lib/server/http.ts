/**
 * The HTTP server in front of the Next.js app (scripts/serve.ts): for every request it decides the
 * client's address from the connection (lib/server/client-address.ts), removes every address header
 * the client sent, and hands the app that address with this process's token (lib/auth/address.ts).
 * The request handler is a parameter, so tests run this very server with a stub app.
 */
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER, CLIENT_TOKEN_ENV, CLIENT_TOKEN_HEADER } from "@/lib/auth/address";
import { connectionIsTrustedProxy, resolveClientAddress, type TrustedProxies } from "./client-address";

/** Headers in which a client or a proxy names a client address: never passed on as they came. */
const ADDRESS_HEADERS = [
  "x-forwarded-for",
  "x-real-ip",
  "forwarded",
  "true-client-ip",
  "cf-connecting-ip",
  "x-client-ip",
  CLIENT_ADDRESS_HEADER,
  CLIENT_TOKEN_HEADER,
];

/**
 * Headers by which a proxy tells the original host and scheme: Auth.js (AUTH_TRUST_HOST) builds its
 * URLs from them. Only a trusted proxy's count; a client connecting directly cannot forge them.
 */
const FORWARDED_ORIGIN_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

export type AppHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The token that tells the app its address header comes from this server: made once per process
 * and kept in process.env, which the app (running in this process) reads.
 */
export function clientAddressToken(): string {
  process.env[CLIENT_TOKEN_ENV] ||= randomBytes(24).toString("base64url");
  return process.env[CLIENT_TOKEN_ENV]!;
}

/** Rewrites a request's address headers in place: after it, the app reads only the connection's verdict. */
export function stampClientAddress(req: IncomingMessage, trust: TrustedProxies, token: string): string {
  const address = resolveClientAddress({ remoteAddress: req.socket.remoteAddress, forwardedFor: req.headers["x-forwarded-for"], trust });
  const removed = connectionIsTrustedProxy(req.socket.remoteAddress, trust) ? ADDRESS_HEADERS : [...ADDRESS_HEADERS, ...FORWARDED_ORIGIN_HEADERS];
  for (const name of removed) delete req.headers[name];
  // Keep the raw list in step: Node builds a Fetch request's headers from req.headers, but some
  // readers walk rawHeaders.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (removed.includes(req.rawHeaders[i].toLowerCase())) req.rawHeaders.splice(i, 2);
  }
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  req.headers[CLIENT_TOKEN_HEADER] = token;
  // Next fills X-Forwarded-For with the socket's peer when it is absent; give it the client instead,
  // so that nothing downstream reads a proxy's address as the client's.
  req.headers["x-forwarded-for"] = address;
  return address;
}

/** An HTTP server that stamps every request's client address, then lets `handler` answer it. */
export function createAppServer(handler: AppHandler, options: { trust: TrustedProxies; onError?: (error: unknown) => void }): http.Server {
  const token = clientAddressToken();
  return http.createServer((req, res) => {
    stampClientAddress(req, options.trust, token);
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
}
