/**
 * `npm run serve`: serves the production build (`npm run build`; NEXT_DIST_DIR, default `.next`) on
 * $PORT (default 3000), with Next.js running in this process behind our HTTP server
 * (lib/server/http.ts), which gives the app the client's address from the connection and
 * TRUSTED_PROXIES instead of the X-Forwarded-For a client may forge. `npm start` serves through it too.
 * Use it instead of `next start`, under which every client shares one rate-limit bucket.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "@/lib/env";
import { parseTrustedProxies } from "@/lib/server/client-address";
import { createAppServer } from "@/lib/server/http";

export type ServeOptions = { port: number; hostname?: string; dir?: string; trustedProxies?: string };

/**
 * Starts Next.js in this process and listens on every interface; resolves once it accepts
 * connections. Throws first, before loading anything, the sentence naming a missing production key
 * (lib/env.ts) or an unreadable TRUSTED_PROXIES.
 */
export async function serve(options: ServeOptions) {
  parseEnv({ ...process.env, NODE_ENV: "production" });
  const trust = parseTrustedProxies(options.trustedProxies);
  // React and Next pick their production code from NODE_ENV when they are first loaded.
  (process.env as Record<string, string>).NODE_ENV = "production";
  const { default: next } = await import("next");
  const dir = path.resolve(options.dir ?? process.cwd());
  // distDir comes from next.config.ts (NEXT_DIST_DIR), which Next reads from `dir`.
  const app = next({ dev: false, dir, port: options.port, hostname: options.hostname });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createAppServer((req, res) => handle(req, res), {
    trust,
    onError: (error) => console.error("[serve] request failed", error),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const shutdown = (signal: NodeJS.Signals) => {
    server.close();
    server.closeAllConnections();
    // The embedded database closes itself on the same signal and then ends the process
    // (db/index.ts closeOnExit): leave it the time to release its folder and lock.
    const databaseCloses = process.listenerCount(signal) > 0;
    void app.close().finally(() => {
      if (databaseCloses) setTimeout(() => process.exit(0), 10_000).unref();
      else process.exit(0);
    });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, shutdown);
  return { server, app };
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  const port = Number(process.env.PORT || "3000");
  serve({ port, trustedProxies: process.env.TRUSTED_PROXIES })
    .then(() =>
      console.log(`[serve] serving on http://localhost:${port}${process.env.TRUSTED_PROXIES ? ` (trusted proxies: ${process.env.TRUSTED_PROXIES})` : ""}`),
    )
    .catch((error: unknown) => {
      console.error(`[serve] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
