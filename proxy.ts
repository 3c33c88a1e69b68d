import createMiddleware from "next-intl/middleware";
import type { NextRequest } from "next/server";
import { actionBodyTooLarge } from "@/lib/http/body";
import { routing } from "@/lib/i18n/routing";
import { requestIdOf } from "@/lib/request-id";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";

const handleI18nRouting = createMiddleware(routing);

/**
 * Picks the locale from the URL, gives each request an id (X-Request-Id) and each page a fresh CSP nonce: Next reads it from the
 * request's policy and puts it on its scripts; the browser gets the same policy. It is never a
 * security check: authorization lives in lib/dal.
 */
export default function proxy(request: NextRequest) {
  // A page's POST is a server action: only the files' forms may send more than text.
  if (request.method === "POST" && actionBodyTooLarge(request.nextUrl.pathname, request.headers.get("content-length"))) {
    return new Response("Payload Too Large", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    tileUrl: process.env.NEXT_PUBLIC_TILE_URL || "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    development: process.env.NODE_ENV === "development",
  });
  request.headers.set("Content-Security-Policy", policy);
  // One id per request, in the logs and on a generic error page: support can find what happened.
  const requestId = requestIdOf(request.headers);
  request.headers.set("x-request-id", requestId);
  const response = handleI18nRouting(request);
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Request-Id", requestId);
  return response;
}

export const config = {
  // Every page, including paths with a dot (`/track/ABC.def`, `/fr.x`: a page or the 404 page, both
  // HTML that needs the policy). Not the route handlers (API, files, Open311: their bodies must not
  // be buffered for the proxy) nor the static files, which get next.config.ts's headers: Next's
  // own assets, the service worker, the icons and the manifest.
  matcher: ["/((?!api/|files/|open311/|_next/|_vercel/|icons/|favicon\\.ico$|sw\\.js$|manifest\\.webmanifest$).*)"],
};
