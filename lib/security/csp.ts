/**
 * The Content-Security-Policy of the pages: scripts only with this response's nonce (Next adds it
 * to its own scripts when it reads it from the request's policy) and what those scripts load
 * ('strict-dynamic'); no plugin, no framing, no foreign form target. Styles stay 'unsafe-inline':
 * Leaflet and the charts position elements with style attributes, which cannot carry a nonce.
 */
export function contentSecurityPolicy(options: { nonce: string; tileUrl: string; development?: boolean }): string {
  const tileOrigin = originOf(options.tileUrl);
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // React's development build evaluates code; the production build never does.
    "script-src": ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "blob:", "data:", ...(tileOrigin ? [tileOrigin] : [])],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`; null if unusable. */
function originOf(template: string): string | null {
  try {
    const url = new URL(template.replace(/\{s\}/g, "a").replace(/\{[^}]+\}/g, "0"));
    const host = template.includes("{s}.") ? url.host.replace(/^a\./, "*.") : url.host;
    return `${url.protocol}//${host}`;
  } catch {
    return null;
  }
}
