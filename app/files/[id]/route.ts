/**
 * A report's attachment: `/files/[id]?n=TRACKING-NUMBER`. Served as the re-encoded display version,
 * with `nosniff`, a strict CSP, and a Content-Disposition that never trusts the citizen's file name.
 */
import { readAttachmentForPublic } from "@/lib/dal/attachments";
import { parseTrackingNumber } from "@/lib/domain/tracking-number";
import { getCity } from "@/lib/dal/reference";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const number = new URL(request.url).searchParams.get("n") ?? "";
  const city = await getCity();
  const parsed = parseTrackingNumber(number, city.trackingPrefix);
  if (!UUID.test(id) || !parsed.ok) return new Response("Not found", { status: 404 });
  const file = await readAttachmentForPublic(id, parsed.trackingNumber);
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.kind === "image" ? "inline" : "attachment", file.name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=3600",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
