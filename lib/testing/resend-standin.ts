/**
 * A local stand-in for the part of Resend's HTTP API that `lib/mail/resend.ts` uses (`POST /emails`),
 * so the real `resend` SDK can run in tests and the benchmark on a machine with no network, and so
 * the provider's failures (down, 5xx, 429, a lost answer) can be played on purpose.
 *
 * The SDK (resend 6.x, `node_modules/resend/dist/index.mjs`) is pointed here by RESEND_BASE_URL or
 * `new Resend(key, { baseUrl })`; it sends `Authorization: Bearer <key>`, `Content-Type:
 * application/json`, `Idempotency-Key` when given, and the mail with snake_case fields (`reply_to`, …).
 * It returns `{ data, error, headers }`: a JSON error body becomes `error` as is; a body that is not
 * JSON becomes `application_error` with the HTTP status; a network error becomes `application_error`
 * with `statusCode: null` and `headers: null`.
 *
 * Answers, from Resend's documentation (resend.com/docs/api-reference/errors, …/emails/send-email,
 * …/dashboard/emails/idempotency-keys, …/api-reference/rate-limit):
 * - errors are `{ statusCode, name, message }`; unknown path 404 `not_found`, other method on
 *   `/emails` 405 `method_not_allowed`;
 * - no bearer key 401 `missing_api_key`; a key that is not ours 403 `invalid_api_key`;
 * - a body that is not JSON 400 `validation_error`; a missing `from`, `to`, `subject`, or all of
 *   `html`/`text`/`template` 422 `missing_required_field`; a malformed `from` 422
 *   `invalid_from_address`; a malformed recipient (or more than 50 in `to`) 422 `validation_error`
 *   with "Invalid `to` field…" (what the API answers in practice, resend-python#65; the errors page
 *   lists `validation_error` under 400 as well);
 * - `Idempotency-Key`: 1–256 characters or 400 `invalid_idempotency_key`; an email already sent with
 *   the key in the last 24 h is not sent again, the same request gets the same `{ id }`; another
 *   payload 409 `invalid_idempotent_request`; while the first is still in progress 409
 *   `concurrent_idempotent_requests`. A call that was refused (fault, validation) does not bind
 *   the key: Resend only remembers emails it sent;
 * - 429 `rate_limit_exceeded` with `retry-after` (seconds) and the `ratelimit-*` headers;
 * - 5xx for its own failures (`internal_server_error` as JSON for 500; 502 and 503 are answered
 *   as plain text, the way a gateway in front of it does, which the SDK turns into
 *   `application_error` with the status).
 * Not documented, chosen here: a body over 2 MB gets 413 `validation_error`.
 *
 * The reserved domain `invalid.example` (RFC 2606 `.example`) is refused as an invalid recipient
 * (422 `validation_error`) so a test can play "the provider refuses one address".
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ResendStandInFaults = {
  /** Probability (0..1) that a call is refused with 500/502/503 before anything is accepted. */
  failRate?: number;
  /** Until this time (ms since epoch) every call gets 503. */
  downUntil?: number;
  /** Probability that a call gets 429 rate_limit_exceeded with a `retry-after` header (seconds). */
  rateLimitRate?: number;
  retryAfterSeconds?: number;
  /** Probability that a call is ACCEPTED (recorded, counted) and then its connection destroyed before any response: the client sees a network error. */
  loseResponseRate?: number;
  /** Milliseconds to wait before answering each call. */
  delayMs?: number;
  /** A random source for the probabilities (tests pass a seeded one). */
  random?: () => number;
};

export type AcceptedEmail = {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  /** The files it carries, decoded from the base64 Resend receives. */
  attachments?: { filename: string; contentType: string | null; content: Buffer }[];
  at: number;
};

export type ResendStandInCall = { status: number; idempotencyKey: string | null; at: number };

export type ResendStandIn = {
  /** Base URL to put in RESEND_BASE_URL (or the SDK's `baseUrl`), e.g. http://127.0.0.1:PORT. */
  url: string;
  /** The key it accepts. */
  apiKey: string;
  /** Mutable: tests change it while the stand-in runs. */
  faults: ResendStandInFaults;
  /** Each email accepted once (an idempotent replay is not added again). */
  accepted: AcceptedEmail[];
  /** Every call and the status given (a lost response is recorded with status 0). */
  calls: ResendStandInCall[];
  close(): Promise<void>;
};

export type ResendStandInOptions = {
  apiKey?: string;
  faults?: ResendStandInFaults;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Clock for `at` and the 24 h idempotency window (tests pass a fake one). */
  now?: () => number;
};

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_IDEMPOTENCY_KEY = 256;
const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;
const MAX_RECIPIENTS = 50;
const REFUSED_DOMAIN = "invalid.example";

const ADDRESS = /^[^\s@<>()[\]",;:\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const NAMED_ADDRESS = /^\s*(?:"[^"]*"|[^<>"]*?)\s*<([^<>]+)>\s*$/;

/** The bare address of `email@example.com` or `Name <email@example.com>`, or null when it is neither. */
function addressOf(value: string): string | null {
  const named = NAMED_ADDRESS.exec(value);
  const address = (named ? named[1] : value).trim();
  return ADDRESS.test(address) ? address : null;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const refuse = (status: number, code: string, message: string, headers?: Record<string, string>): never => {
  throw new ApiError(status, code, message, headers);
};

const FORMAT = "The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";

/** Recipients of `field` (string or array of strings), each checked; `required` refuses an absent field. */
function recipients(body: Record<string, unknown>, field: string, required: boolean): string[] {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) refuse(422, "missing_required_field", `Missing \`${field}\` field.`);
    return [];
  }
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : null;
  if (!list || list.some((item) => typeof item !== "string"))
    refuse(422, "validation_error", `Invalid \`${field}\` field. It must be a string or an array of strings.`);
  const strings = list as string[];
  if (required && strings.length === 0) refuse(422, "missing_required_field", `Missing \`${field}\` field.`);
  if (strings.length > MAX_RECIPIENTS) refuse(422, "validation_error", `Invalid \`${field}\` field. At most ${MAX_RECIPIENTS} recipients are allowed.`);
  for (const item of strings) {
    const address = addressOf(item);
    if (!address) refuse(422, "validation_error", `Invalid \`${field}\` field. ${FORMAT}`);
    if (address!.toLowerCase().endsWith(`@${REFUSED_DOMAIN}`))
      refuse(422, "validation_error", `Invalid \`${field}\` field. The recipient ${address} is not a valid address.`);
  }
  return strings;
}

type Mail = Omit<AcceptedEmail, "id" | "idempotencyKey" | "at">;

/** Checks the body of `POST /emails` as Resend documents it (only the fields the stand-in understands are checked). */
function parseMail(raw: Buffer, contentType: string | undefined): { mail: Mail; fingerprint: string } {
  if (!contentType?.toLowerCase().startsWith("application/json")) refuse(400, "validation_error", "Invalid content type. Send the body as `application/json`.");
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    refuse(400, "validation_error", "The body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) refuse(400, "validation_error", "The body must be a JSON object.");
  const fields = body as Record<string, unknown>;

  if (fields.from === undefined || fields.from === null || fields.from === "") refuse(422, "missing_required_field", "Missing `from` field.");
  if (typeof fields.from !== "string" || !addressOf(fields.from)) refuse(422, "invalid_from_address", `Invalid \`from\` field. ${FORMAT}`);
  const to = recipients(fields, "to", true);
  recipients(fields, "cc", false);
  recipients(fields, "bcc", false);
  recipients(fields, "reply_to", false);
  if (fields.subject === undefined || fields.subject === null) refuse(422, "missing_required_field", "Missing `subject` field.");
  if (typeof fields.subject !== "string") refuse(422, "validation_error", "Invalid `subject` field. It must be a string.");
  for (const field of ["html", "text"] as const) {
    if (fields[field] !== undefined && fields[field] !== null && typeof fields[field] !== "string")
      refuse(422, "validation_error", `Invalid \`${field}\` field. It must be a string.`);
  }
  const html = typeof fields.html === "string" ? fields.html : undefined;
  const text = typeof fields.text === "string" ? fields.text : undefined;
  if (html === undefined && text === undefined && !fields.template) refuse(422, "missing_required_field", "Missing `html` or `text` field.");

  const mail: Mail = { from: fields.from as string, to, subject: fields.subject as string };
  if (text !== undefined) mail.text = text;
  if (html !== undefined) mail.html = html;
  if (fields.attachments !== undefined && fields.attachments !== null) mail.attachments = attachmentsOf(fields.attachments);
  return { mail, fingerprint: canonicalJson(body) };
}

/** Resend's `attachments`: each a `filename` with its `content` in base64 (or a `path` to fetch, which a stand-in cannot). */
function attachmentsOf(value: unknown): NonNullable<Mail["attachments"]> {
  if (!Array.isArray(value)) refuse(422, "validation_error", "Invalid `attachments` field. It must be an array.");
  return (value as unknown[]).map((item) => {
    const a = (item ?? {}) as Record<string, unknown>;
    if (typeof a.filename !== "string" || a.filename === "") refuse(422, "validation_error", "Invalid `attachments` field: each needs a `filename`.");
    if (typeof a.content !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(a.content) || a.content.length % 4 !== 0)
      refuse(422, "validation_error", "Invalid `attachments` field: `content` must be base64.");
    return {
      filename: a.filename as string,
      contentType: typeof a.content_type === "string" ? a.content_type : null,
      content: Buffer.from(a.content as string, "base64"),
    };
  });
}

/** JSON with object keys sorted, so that two serialisations of the same request compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Reads at most MAX_BODY_BYTES, draining (not keeping) the rest so the answer reaches the client. */
async function readBody(req: IncomingMessage): Promise<{ bytes: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk as Buffer);
  }
  return { bytes: Buffer.concat(chunks), tooLarge };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Remembered = { fingerprint: string; id: string; at: number };

export async function startResendStandIn(options: ResendStandInOptions = {}): Promise<ResendStandIn> {
  const apiKey = options.apiKey ?? "re_test_standin";
  let faults: ResendStandInFaults = options.faults ?? {};
  const now = options.now ?? Date.now;
  const accepted: AcceptedEmail[] = [];
  const calls: ResendStandInCall[] = [];
  /** Emails sent with an idempotency key, by key (kept 24 h). */
  const sentByKey = new Map<string, Remembered>();
  /** Keys whose first request is still being answered. */
  const inFlight = new Set<string>();

  const chance = (rate: number | undefined) => (rate ?? 0) > 0 && (faults.random ?? Math.random)() < rate!;

  /** Returns the `{ id }` to answer with, or throws an ApiError. `hold` marks the key in flight until the call ends. */
  const handle = async (req: IncomingMessage, key: string | null, hold: (key: string) => void) => {
    const { bytes, tooLarge } = await readBody(req);
    const path = new URL(req.url ?? "/", "http://standin").pathname.replace(/\/+$/, "");
    if (path !== "/emails") refuse(404, "not_found", "The requested endpoint does not exist.");
    if (req.method !== "POST") refuse(405, "method_not_allowed", "Method is not allowed for the requested path.");

    const authorization = req.headers.authorization ?? "";
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!bearer) refuse(401, "missing_api_key", "Missing API key in the authorization header. Include `Authorization: Bearer YOUR_API_KEY`.");
    if (bearer![1] !== apiKey) refuse(403, "invalid_api_key", "API key is invalid.");

    if (key !== null && (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY)) refuse(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    if (key !== null) {
      if (inFlight.has(key)) refuse(409, "concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress.");
      hold(key);
    }

    if (faults.delayMs && faults.delayMs > 0) await sleep(faults.delayMs);
    if (faults.downUntil !== undefined && now() < faults.downUntil) refuse(503, "service_unavailable", "Service Unavailable");
    if (chance(faults.failRate)) {
      const status = [500, 502, 503][Math.min(2, Math.floor((faults.random ?? Math.random)() * 3))];
      refuse(status, "internal_server_error", "An unexpected error occurred.");
    }
    if (chance(faults.rateLimitRate)) {
      const seconds = Math.max(1, Math.ceil(faults.retryAfterSeconds ?? 1));
      refuse(429, "rate_limit_exceeded", "Too many requests. Please limit the number of requests per second.", {
        "retry-after": String(seconds),
        "ratelimit-limit": "2",
        "ratelimit-remaining": "0",
        "ratelimit-reset": String(seconds),
      });
    }

    if (tooLarge) refuse(413, "validation_error", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    const { mail, fingerprint } = parseMail(bytes, req.headers["content-type"]);

    if (key !== null) {
      const remembered = sentByKey.get(key);
      if (remembered && now() - remembered.at < IDEMPOTENCY_WINDOW_MS) {
        if (remembered.fingerprint !== fingerprint) refuse(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
        return { id: remembered.id };
      }
    }
    const id = randomUUID();
    const at = now();
    accepted.push({ id, idempotencyKey: key, ...mail, at });
    if (key !== null) sentByKey.set(key, { fingerprint, id, at });
    return { id };
  };

  const send = (res: ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}) => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...headers });
    res.end(body);
  };

  const server = createServer((req, res) => {
    const header = req.headers["idempotency-key"];
    const key = typeof header === "string" ? header : Array.isArray(header) ? header.join(",") : null;
    let held: string | null = null;
    const record = (status: number) => calls.push({ status, idempotencyKey: key, at: now() });
    handle(req, key, (k) => {
      inFlight.add(k);
      held = k;
    })
      .then((data) => {
        if (chance(faults.loseResponseRate)) {
          record(0);
          req.socket.destroy();
          return;
        }
        record(200);
        send(res, 200, JSON.stringify(data), "application/json");
      })
      .catch((error: unknown) => {
        const failure = error instanceof ApiError ? error : new ApiError(500, "internal_server_error", "An unexpected error occurred.");
        record(failure.status);
        if (failure.status === 502 || failure.status === 503) {
          send(res, failure.status, failure.status === 502 ? "Bad Gateway" : "Service Unavailable", "text/plain", failure.headers);
          return;
        }
        send(
          res,
          failure.status,
          JSON.stringify({ statusCode: failure.status, name: failure.code, message: failure.message }),
          "application/json",
          failure.headers,
        );
      })
      .finally(() => {
        if (held !== null) inFlight.delete(held);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    // Replaced or changed in place, the faults apply from the next call.
    get faults() {
      return faults;
    },
    set faults(next: ResendStandInFaults) {
      faults = next;
    },
    accepted,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
