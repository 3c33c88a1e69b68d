/**
 * The framework's floor for a submission: a route handler of an empty App Router project that
 * reads the body and does nothing but the bare server's raw `INSERT … RETURNING`, on the same
 * driver. Between it and the bare node:http server lies only Next.js's own request handling.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: "-c jit=off" });
let serviceId: Promise<number> | undefined;

export async function POST(request: Request) {
  await request.formData();
  serviceId ??= pool.query("select service_id from categories where active limit 1").then((r) => r.rows[0].service_id as number);
  const tracking = `BENCH-${randomUUID()}`;
  const { rows } = await pool.query(
    `insert into reports (tracking_number, description, lat, lng, service_id, routing_due_at, response_due_at, is_anonymous)
     values ($1, 'Raw insert floor', 35.57, -5.37, $2, now() + interval '2 days', now() + interval '15 days', true) returning id`,
    [tracking, await serviceId],
  );
  return Response.json({ trackingNumber: tracking, id: rows[0].id }, { status: 201 });
}
