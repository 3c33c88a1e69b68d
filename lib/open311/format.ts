/**
 * Open311 GeoReport v2 representations: the same data as JSON or XML. XML element names follow
 * the specification (services/service, service_requests/request, errors/error, discovery).
 */
export type Format = "json" | "xml";

const escapeXml = (v: string) => v.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(singular(name), v)).join("")}</${name}>`;
  if (typeof value === "object")
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join("")}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const SINGULAR: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  endpoints: "endpoint",
  formats: "format",
  attributes: "attribute",
  values: "value",
  tokens: "token",
};
const singular = (name: string) => SINGULAR[name] ?? "item";

/** A list under its root (`services`, `service_requests`, `errors`…) or a single object (`discovery`). */
export function render(format: Format, root: string, body: unknown, status = 200): Response {
  if (format === "json") return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  const xml = `<?xml version="1.0" encoding="utf-8"?>${element(root, body)}`;
  return new Response(xml, { status, headers: { "Content-Type": "text/xml; charset=utf-8", "Cache-Control": "no-store" } });
}

/** Errors as the specification says: `[{code, description}]` / `<errors><error>…`, one entry per refusal. */
export function renderError(format: Format, status: number, description: string | readonly string[]): Response {
  const descriptions = typeof description === "string" ? [description] : description;
  return render(
    format,
    "errors",
    descriptions.map((d) => ({ code: status, description: d })),
    status,
  );
}
