import { checkDatabase } from "@/lib/dal/health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and tests. */
export async function GET() {
  const database = await checkDatabase();
  return Response.json(
    { status: database.ok ? "ok" : "degraded", database: database.ok ? "ok" : "unreachable", driver: database.driver },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
