/**
 * The benchmark's floor: a bare node:http server on the same database driver, with
 * - GET /api/map: the same points and JSON as the app's map endpoint (the same DAL function), without
 *   Next.js, its routing, its validation layer or its rendering;
 * - POST /api/reports: one raw `INSERT … RETURNING` of a report row, nothing else.
 * Usage: DATABASE_URL=… PORT=… tsx bench/bare-server.ts
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { listPublicMapItems } from "@/lib/dal/public-map";

const port = Number(process.env.PORT ?? 3301);
const db = await getDb();
const [ref] = rowsOf<{ service_id: number }>(await db.execute(sql`select service_id from categories where active limit 1`));

const server = http.createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method === "GET" && url.pathname === "/api/map") {
      const [minLng, minLat, maxLng, maxLat] = (url.searchParams.get("bbox") ?? "").split(",").map(Number);
      const items = await listPublicMapItems({ minLat, minLng, maxLat, maxLng, zoom: Number(url.searchParams.get("zoom")) });
      const body = JSON.stringify({ items });
      response.writeHead(200, { "content-type": "application/json" }).end(body);
      return;
    }
    if (request.method === "POST" && url.pathname === "/api/reports") {
      for await (const _chunk of request) {
        // The body is read and dropped: the floor does no parsing.
      }
      const tracking = `BENCH-${randomUUID()}`;
      const [row] = rowsOf<{ id: string }>(
        await db.execute(sql`insert into reports (tracking_number, description, lat, lng, service_id, routing_due_at, response_due_at, is_anonymous)
          values (${tracking}, 'Raw insert floor', 35.57, -5.37, ${ref.service_id}, now() + interval '2 days', now() + interval '15 days', true) returning id`),
      );
      response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ trackingNumber: tracking, id: row.id }));
      return;
    }
    response.writeHead(404).end();
  } catch (error) {
    console.error(error);
    response.writeHead(500).end();
  }
});
server.listen(port, () => console.log(`[bare] listening on ${port}`));
