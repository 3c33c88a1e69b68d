/**
 * Reading a request's body within a limit. `request.formData()` buffers the whole body before
 * anyone can look at its size, and a chunked upload has no Content-Length to refuse it by: a client
 * could make the server hold gigabytes. Here the body stream is read chunk by chunk, counting bytes,
 * and cancelled as soon as the count passes the route's limit (a declared Content-Length above it
 * is refused before reading anything); only a body within the limit is parsed.
 *
 * Each route's limit is named once, in BODY_LIMITS, derived from the limits of what it accepts.
 */
import { CITY_LETTERHEAD_LIMITS } from "@/lib/domain/letterhead-limits";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";

/** UTF-8 spends at most 4 bytes on a code point, and percent-encoding (urlencoded forms) 3 on a byte. */
const WORST_BYTES_PER_CHAR = 4 * 3;
/** The other fields (ids, coordinates, tokens, flags, locale) and the multipart framing of every part. */
const FORM_OVERHEAD = 16 * 1024;
/** The boundaries and part headers around one file. */
const MULTIPART_FRAMING = 64 * 1024;
/** The longest valid text of a report, in characters: description, name, address, email, phone. */
const REPORT_TEXT_CHARS = REPORT_LIMITS.descriptionMax + REPORT_LIMITS.nameMax + REPORT_LIMITS.addressMax + 254 + 40;

export const BODY_LIMITS = {
  /** `POST /api/uploads`: one file per request (the form sends its up to 5 files one by one). */
  upload: REPORT_LIMITS.maxFileBytes + MULTIPART_FRAMING,
  /** `POST /api/reports` (the offline queue): a report's fields, files already uploaded (~70 KB). */
  report: REPORT_TEXT_CHARS * WORST_BYTES_PER_CHAR + FORM_OVERHEAD,
  /** Open311 `POST requests`: the same report's fields, urlencoded, plus the API key and Open311's names. */
  open311: REPORT_TEXT_CHARS * WORST_BYTES_PER_CHAR + FORM_OVERHEAD,
  /** Auth.js's own endpoints (sign-in, sign-out, CSRF): an email, a password, a code, a token. */
  auth: FORM_OVERHEAD,
} as const;

/** What a server action's body may weigh: the text forms' 256 KB, the files' forms (without scripts) POSTED_FORM_MAX_BYTES. */
export const ACTION_TEXT_LIMIT = 256 * 1024;

/** The pages whose forms post files without scripts: the report form and the tracking page (any locale). */
const FILE_FORM_PAGES = /^\/(?:(?:fr|ar|en)\/)?(?:report|track\/[^/]+)\/?$/;

/** The admin city page (any locale), whose logo form posts one image. */
const LOGO_FORM_PAGE = /^\/(?:(?:fr|ar|en)\/)?staff\/admin\/city\/?$/;

/** What the admin city page's actions may weigh: the logo (2 MB) with its framing, or its text form's. */
export const LOGO_ACTION_LIMIT = CITY_LETTERHEAD_LIMITS.logoMaxBytes + MULTIPART_FRAMING + ACTION_TEXT_LIMIT;

/**
 * Whether a page's POST (a server action) declares a body over what its form can send: Next has one
 * limit for every action, raised for the files' forms; the proxy holds the others to the text forms',
 * and the admin city page to its logo's.
 */
export function actionBodyTooLarge(pathname: string, contentLength: string | null): boolean {
  const declared = Number(contentLength ?? 0);
  if (!Number.isFinite(declared) || FILE_FORM_PAGES.test(pathname)) return false;
  return declared > (LOGO_FORM_PAGE.test(pathname) ? LOGO_ACTION_LIMIT : ACTION_TEXT_LIMIT);
}

export type BodyResult<T> = { ok: true; value: T } | { ok: false; problem: "too_large" | "unreadable" };

const tooLarge = { ok: false, problem: "too_large" } as const;
const unreadable = { ok: false, problem: "unreadable" } as const;

/**
 * Whether the request declares a body over `limit` (then its stream is cancelled unread): a route
 * can answer 413 before any other work, such as counting a rate limit.
 */
export async function declaresMoreThan(request: Request, limit: number): Promise<boolean> {
  const declared = request.headers.get("content-length");
  if (declared === null || !/^\s*\d+\s*$/.test(declared) || Number(declared) <= limit) return false;
  await request.body?.cancel().catch(() => undefined);
  return true;
}

/** The body's bytes if there are at most `limit` of them; the stream is cancelled at the first byte over. */
export async function readBytes(request: Request, limit: number): Promise<BodyResult<Uint8Array>> {
  if (await declaresMoreThan(request, limit)) return tooLarge;
  if (!request.body) return { ok: true, value: new Uint8Array(0) };
  // The count is what was received, never what was declared: a Content-Length can lie.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limit) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return unreadable;
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return { ok: true, value: chunks[0] };
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, value: bytes };
}

/** A multipart or urlencoded form (as its Content-Type says), read within `limit` bytes. */
export async function readForm(request: Request, limit: number): Promise<BodyResult<FormData>> {
  const body = await readBytes(request, limit);
  if (!body.ok) return body;
  const contentType = request.headers.get("content-type");
  try {
    const form = await new Response(body.value as BodyInit, { headers: contentType ? { "content-type": contentType } : {} }).formData();
    return { ok: true, value: form };
  } catch {
    return unreadable;
  }
}

/** A JSON body, read within `limit` bytes. */
export async function readJson(request: Request, limit: number): Promise<BodyResult<unknown>> {
  const body = await readBytes(request, limit);
  if (!body.ok) return body;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.value)) };
  } catch {
    return unreadable;
  }
}
