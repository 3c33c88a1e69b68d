"use client";

import { useEffect } from "react";

/**
 * Installs the service worker (public/sw.js) that opens the public pages without network. Only in
 * production builds: in development it would serve stale pages while the code changes.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // No service worker (old browser, private mode): the site works online as before.
    });
  }, []);
  return null;
}
