"use client";

import { useEffect } from "react";

/**
 * Installs the service worker (public/sw.js) that opens the public pages without network. Only in
 * production builds: in development it would serve stale pages while the code changes.
 * Installed once the page has loaded and the browser is idle: its first install downloads two
 * pages and their files, which must not compete with this page becoming usable on a slow phone.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    const register = () => {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
        // No service worker (old browser, private mode): the site works online as before.
      });
    };
    const hasIdle = "requestIdleCallback" in window;
    let pending: number | undefined;
    const whenIdle = () => {
      pending = hasIdle ? window.requestIdleCallback(register, { timeout: 5_000 }) : window.setTimeout(register, 2_000);
    };
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
    return () => {
      window.removeEventListener("load", whenIdle);
      if (pending === undefined) return;
      if (hasIdle) window.cancelIdleCallback(pending);
      else window.clearTimeout(pending);
    };
  }, []);
  return null;
}
