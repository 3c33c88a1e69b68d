/**
 * Runs once when a server process starts (Next.js): starts the queue's worker in this process
 * (lib/queue/worker), so that `npm start` delivers its mails and runs its tick with nothing else
 * to launch. WORKER=off leaves that to a separate `npm run worker`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startInProcessWorker } = await import("./lib/queue/worker");
  startInProcessWorker();
}
