/** The client's address as seen behind the platform's reverse proxy (first X-Forwarded-For hop). */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || headers.get("x-real-ip") || "local").slice(0, 64);
}
