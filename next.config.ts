import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { POSTED_FORM_MAX_BYTES } from "./lib/domain/report-limits";

/** What a route handler or a static file is served with: whatever it is opened as, it runs and loads nothing. */
const STATIC_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const nextConfig: NextConfig = {
  // PGlite ships wasm and data files that must be loaded from node_modules, not bundled; pg-boss
  // reads its SQL and migrations at run time; pdfkit reads its font metrics from its own folder.
  serverExternalPackages: ["@electric-sql/pglite", "sharp", "pg-boss", "pdfkit", "fontkit"],
  poweredByHeader: false,
  // The e2e run builds into its own folder so it never clashes with a running dev/prod server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: {
    // With scripts no form posts a file to a server action (files go through /api/uploads one by
    // one, within BODY_LIMITS.upload) and the largest forms are text (~70 KB: a 500-penalty bulk
    // decision). Without scripts the report form and the tracking page's reply post their files
    // with the form: 5 files of 10 MB at most, each then checked like an upload (lib/dal/attachments).
    // Next applies one limit to every action; its default is 1 MB.
    serverActions: { bodySizeLimit: POSTED_FORM_MAX_BYTES },
    // What the proxy may buffer of a body (a server action's, posted to its page; route handlers
    // do not pass through the proxy): no more than an action may send. Next's default is 10 MB.
    proxyClientMaxBodySize: POSTED_FORM_MAX_BYTES,
  },
  async headers() {
    return [
      {
        // The service worker must be re-checked on every visit so that a new release replaces it.
        source: "/sw.js",
        headers: [
          { key: "Cache-Control", value: "no-cache, max-age=0" },
          { key: "Service-Worker-Allowed", value: "/" },
        ],
      },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "geolocation=(self), camera=(), microphone=()" },
          // The floor for every response (APIs, files, Open311); pages get the full policy with a
          // per-response script nonce from proxy.ts (lib/security/csp.ts). Both apply where both are sent.
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'" },
          // Ignored by browsers over plain http (local runs); enforces https once deployed behind TLS.
          { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
        ],
      },
      {
        // Route handlers and static files do not pass through proxy.ts (which gives pages their
        // policy with a nonce): whatever document one of them is opened as (JSON, XML, an SVG icon,
        // a 404) runs and loads nothing. Replaces the floor above on these paths (same key, later
        // entry); a route that sets its own policy (files: `sandbox`) keeps it.
        source: "/:prefix(api|files|open311|_next|icons)/:path*",
        headers: [{ key: "Content-Security-Policy", value: STATIC_POLICY }],
      },
      { source: "/favicon.ico", headers: [{ key: "Content-Security-Policy", value: STATIC_POLICY }] },
    ];
  },
};

export default createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    // The messages are compiled when the app is built (ICU text to a compact form): the pages'
    // scripts then format them without intl-messageformat's parser (≈ 10 KB compressed on every
    // page), and the server formats them without parsing. Outside Next.js (tests, the tick's worker)
    // the same files are read as written and parsed: same text (lib/i18n/precompiled.test.ts).
    messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true },
  },
})(nextConfig);
