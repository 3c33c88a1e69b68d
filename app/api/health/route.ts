import { checkDatabase, checkDelivery } from "@/lib/dal/health";

export const dynamic = "force-dynamic";

/**
 * Liveness and database reachability, for load balancers and tests; with `?queue=1`, the delivery
 * queue's backlog too (jobs waiting, the oldest one's age in seconds, mails retrying and dead), for
 * monitoring: a backlog that grows or ages says the worker is down or the provider refuses.
 */
export async function GET(request: Request) {
  const database = await checkDatabase();
  const withQueue = database.ok && new URL(request.url).searchParams.get("queue") === "1";
  const queue = withQueue ? await checkDelivery() : undefined;
  return Response.json(
    { status: database.ok ? "ok" : "degraded", database: database.ok ? "ok" : "unreachable", driver: database.driver, ...(withQueue ? { queue } : {}) },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
