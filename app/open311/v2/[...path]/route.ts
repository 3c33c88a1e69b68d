/**
 * Open311 GeoReport v2 (open311.org): `discovery`, `services`, `services/{code}`, `requests`
 * (GET and POST), `requests/{id}`, `tokens/{token}` — each in `.json` or `.xml`.
 */
import { createOpen311Request, getOpen311ServiceDefinition, listOpen311Requests, listOpen311Services, open311Locale } from "@/lib/dal/open311";
import { hitRateLimit, limits } from "@/lib/dal/rate-limits";
import { storableText } from "@/lib/domain/form-values";
import { env } from "@/lib/env";
import { isAppError, isCodeOf } from "@/lib/errors";
import { BODY_LIMITS, readForm } from "@/lib/http/body";
import { requestIdOf, requestLog } from "@/lib/log";
import { postedAttributes } from "@/lib/open311/attributes";
import { render, renderError, type Format } from "@/lib/open311/format";
import { DAY_MS } from "@/lib/domain/time";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ path: string[] }> };

function parsePath(path: string[]): { resource: string; id: string | null; format: Format } | null {
  const last = path[path.length - 1] ?? "";
  const match = /^(.+)\.(json|xml)$/.exec(last);
  if (!match) return null;
  const format = match[2] as Format;
  if (path.length === 1) return { resource: match[1], id: null, format };
  if (path.length === 2) {
    try {
      return { resource: path[0], id: storableText(decodeURIComponent(match[1])), format };
    } catch {
      return null; // a malformed %-escape names nothing
    }
  }
  return null;
}

/** W3C date-time (an empty value is absent); null when it does not parse. */
function w3cDate(value: string | null): Date | undefined | null {
  if (value === null || value.trim() === "") return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value.trim())) return null;
  const d = new Date(value.trim());
  // Years the reports can have: 9999-12-31 plus the 90-day window would be year 10000, which the
  // database refuses (a 500 instead of a 400).
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9000 ? null : d;
}

export async function GET(request: Request, { params }: Params) {
  const route = parsePath((await params).path);
  if (!route) return renderError("json", 404, "Unknown resource: use .json or .xml");
  const { resource, id, format } = route;
  const search = new URLSearchParams([...new URL(request.url).searchParams].map(([k, v]) => [k, storableText(v)]));
  if (resource === "discovery" && !id) {
    const base = `${env().appUrl}/open311/v2/`;
    return render(format, "discovery", {
      changeset: "2026-11-23T00:00:00Z",
      contact: "Cellule de suivi des réclamations",
      key_service: "Ask the city's administrator for an API key (/staff/admin).",
      endpoints: [
        {
          specification: "http://wiki.open311.org/GeoReport_v2",
          url: base,
          changeset: "2026-11-23T00:00:00Z",
          type: "production",
          formats: ["application/json", "text/xml"],
        },
      ],
    });
  }
  // Texts (names, attributes' descriptions) in the language asked (`locale=fr|ar|en`), else the city's.
  if (resource === "services" && !id) return render(format, "services", await listOpen311Services(await open311Locale(search.get("locale"))));
  if (resource === "services" && id) {
    const definition = await getOpen311ServiceDefinition(id, await open311Locale(search.get("locale")));
    return definition ? render(format, "service_definition", definition) : renderError(format, 404, `No service ${id}`);
  }
  if (resource === "requests") {
    if (id) {
      const found = await listOpen311Requests({ ids: [id] });
      return found.length ? render(format, "service_requests", found) : renderError(format, 404, `No service request ${id}`);
    }
    const ids = (search.get("service_request_id") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const start = w3cDate(search.get("start_date"));
    const end = w3cDate(search.get("end_date"));
    const status = (search.get("status") ?? "").trim();
    if (start === null || end === null) return renderError(format, 400, "start_date and end_date must be W3C dates");
    if (status && status !== "open" && status !== "closed") return renderError(format, 400, "status must be open or closed");
    if (start && end && (end.getTime() - start.getTime() > 90 * DAY_MS || end < start))
      return renderError(format, 400, "The date range must be at most 90 days");
    const rows = await listOpen311Requests({
      ids: ids.length ? ids : undefined,
      serviceCode: search.get("service_code")?.trim() || undefined,
      start: start ?? (end ? new Date(end.getTime() - 90 * DAY_MS) : undefined),
      end: end ?? (start ? new Date(start.getTime() + 90 * DAY_MS) : undefined),
      status: (status || undefined) as "open" | "closed" | undefined,
    });
    return render(format, "service_requests", rows);
  }
  if (resource === "tokens" && id) {
    // Requests get their number at once, so a token is the number itself.
    const found = await listOpen311Requests({ ids: [id] });
    return found.length
      ? render(format, "service_requests", [{ service_request_id: found[0].service_request_id, token: id }])
      : renderError(format, 404, `No token ${id}`);
  }
  return renderError(format, 404, "Unknown resource");
}

export async function POST(request: Request, { params }: Params) {
  const route = parsePath((await params).path);
  if (route?.resource !== "requests" || route.id) return renderError(route?.format ?? "json", 404, "POST only to requests.json or requests.xml");
  // Read within the limit as it arrives (a chunked body has no Content-Length to refuse it by).
  const body = await readForm(request, BODY_LIMITS.open311);
  if (!body.ok && body.problem === "too_large") return renderError(route.format, 413, `The body must not exceed ${BODY_LIMITS.open311} bytes`);
  if (!body.ok) return renderError(route.format, 400, "The body must be application/x-www-form-urlencoded");
  const entries = [...body.value.entries()]
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== "")
    .map(([k, v]): [string, string] => [k, storableText(v)]);
  const form: Record<string, string> = Object.fromEntries(entries);
  // `attribute[code]` (repeated, or `attribute[code][]`, for a multivaluelist): every value kept.
  const attributes = postedAttributes(entries);
  if (form.api_key) {
    const rate = await hitRateLimit(`open311:key:${form.api_key.slice(0, 64)}`, limits().open311PerKey);
    if (!rate.allowed) {
      const response = renderError(route.format, 429, "Too many requests for this api_key");
      response.headers.set("Retry-After", String(rate.retryAfterSeconds));
      return response;
    }
  }
  try {
    return render(route.format, "service_requests", [await createOpen311Request(form, attributes, await open311Locale(form.locale))], 201);
  } catch (error) {
    if (isAppError(error) && error.code === "open311.forbidden") return renderError(route.format, 403, String(error.details?.description ?? "Forbidden"));
    if (isAppError(error) && error.code === "open311.not_found") return renderError(route.format, 404, String(error.details?.description ?? "Not found"));
    if (isAppError(error) && (error.code === "open311.bad_request" || isCodeOf(error.code, "report"))) {
      const errors = error.details?.errors;
      return renderError(route.format, 400, Array.isArray(errors) && errors.length ? errors.map(String) : String(error.details?.description ?? error.code));
    }
    const requestId = requestIdOf(request.headers);
    requestLog(requestId).error({ err: error }, "open311 request failed");
    const response = renderError(route.format, 500, `Internal error (reference ${requestId})`);
    response.headers.set("X-Request-Id", requestId);
    return response;
  }
}
