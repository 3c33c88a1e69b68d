/**
 * The one way the platform sends an uploaded file back: its sniffed type, `nosniff`, a sandboxing
 * CSP, and a Content-Disposition built from the stored (already safe) name — RFC 6266, an ASCII
 * fallback plus the UTF-8 name.
 */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function fileResponse(file: { bytes: Buffer; mimeType: string; name: string; kind: "image" | "document" }, cacheControl: string): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.kind === "image" ? "inline" : "attachment", file.name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": cacheControl,
    },
  });
}
