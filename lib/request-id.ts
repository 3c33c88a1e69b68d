/** The request's id: the one a reverse proxy (or proxy.ts) set when well-formed, or a new one. No dependency: proxy.ts uses it. */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}
