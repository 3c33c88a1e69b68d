/**
 * Runs once when a server process starts (Next.js): starts the queue's worker in this process
 * (lib/queue/worker), so that `npm start` delivers its mails and runs its tick with nothing else
 * to launch. WORKER=off leaves that to a separate `npm run worker`. Reads the public map's points
 * (lib/dal/public-map) without waiting for them, so that the map's first visitor does not.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startInProcessWorker } = await import("./lib/queue/worker");
  startInProcessWorker();
  const { warmPublicMap } = await import("./lib/dal/public-map");
  warmPublicMap();
}
