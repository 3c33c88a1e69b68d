"use client";

/**
 * Sends the phone's queued reports whenever the site is open with a network: on arrival, when the
 * browser says the network is back, and every 20 s while something waits (a server that asked to
 * wait). One round at a time across tabs (Web Locks), so a report is never posted by two tabs.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { flushQueue, type FlushOutcome } from "./queue";
import { reportQueue } from "./store";
import { browserTransport } from "./transport";

export type SentFromQueue = { idempotencyKey: string; trackingNumber: string };
export type RefusedFromQueue = Extract<FlushOutcome, { result: "refused" }>;

const RETRY_MS = 20_000;

async function oneRound(): Promise<FlushOutcome[]> {
  const run = () => flushQueue(reportQueue, browserTransport);
  if (typeof navigator !== "undefined" && navigator.locks) {
    return navigator.locks.request("e-reclamations-report-queue", { ifAvailable: true }, (lock) => (lock ? run() : []));
  }
  return run();
}

export function useReportQueue(enabled: boolean, handlers: { onSent(sent: SentFromQueue): void; onRefused(refused: RefusedFromQueue): void }) {
  const [waiting, setWaiting] = useState<string[]>([]);
  const [online, setOnline] = useState(true);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const busy = useRef(false);

  const flush = useCallback(async () => {
    if (!enabled || busy.current) return;
    busy.current = true;
    try {
      if (navigator.onLine) {
        for (const outcome of await oneRound()) {
          if (outcome.result === "sent") handlersRef.current.onSent(outcome);
          if (outcome.result === "refused") handlersRef.current.onRefused(outcome);
        }
      }
      setWaiting((await reportQueue.list()).map((r) => r.idempotencyKey));
    } catch {
      // IndexedDB unavailable (private mode of some browsers): nothing can be queued anyway.
    } finally {
      busy.current = false;
    }
  }, [enabled]);

  useEffect(() => {
    if (!enabled) return;
    setOnline(navigator.onLine);
    const goOnline = () => {
      setOnline(true);
      void flush();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    void flush();
    return () => {
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
    };
  }, [enabled, flush]);

  useEffect(() => {
    if (!enabled || waiting.length === 0) return;
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [enabled, waiting.length, flush]);

  const enqueue = useCallback(
    async (report: Parameters<typeof reportQueue.put>[0]) => {
      await reportQueue.put(report);
      setWaiting((prev) => [...new Set([...prev, report.idempotencyKey])]);
      // The browser may be wrong about being offline (a captive portal, a server down): try now.
      void flush();
    },
    [flush],
  );

  return { waiting, online, enqueue, flush };
}
