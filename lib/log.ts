/**
 * Structured logs (pino, one JSON line per event on stdout). Every line about a request carries its
 * request id — the one shown to the user on a generic error — and no line carries a password, a
 * token, a key or a citizen's contact data: those fields are redacted wherever they appear, and a
 * database error's parameters (which hold what the citizen typed) are cut from its message.
 */
import pino, { type DestinationStream, type Logger } from "pino";

const SECRET_KEYS = [
  "password",
  "passwordHash",
  "token",
  "claimToken",
  "api_key",
  "apiKey",
  "key",
  "authorization",
  "cookie",
  "secret",
  "email",
  "citizenEmail",
  "phone",
  "citizenPhone",
  "name",
  "citizenName",
  "first_name",
  "last_name",
  "to",
];

/** `key`, `*.key` and `*.*.key` for each secret: pino redacts by path. */
export const REDACTED_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** An error as it may be logged: its kind, code and message without the query's parameters. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 500) };
  const clean = (text: string) => text.replace(/\nparams:[\s\S]*$/, "").replace(/(Failed query: [\s\S]*?)(\s+params:[\s\S]*)$/, "$1");
  const cause = (error as { cause?: unknown }).cause;
  return {
    type: error.name,
    code: (error as { code?: unknown }).code,
    message: clean(error.message),
    stack: error.stack ? [clean(error.message), ...error.stack.split("\n").filter((l) => /^\s+at /.test(l))].join("\n") : undefined,
    cause: cause instanceof Error ? { type: cause.name, code: (cause as { code?: unknown }).code, message: clean(cause.message) } : undefined,
  };
}

export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { app: "e-reclamations" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      serializers: { err: serializeError, error: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

type Holder = { logger?: Logger };
const holder = ((globalThis as { __ereclamationsLog?: Holder }).__ereclamationsLog ??= {});

/** The process's logger. */
export function log(): Logger {
  return (holder.logger ??= createLogger());
}

export { requestIdOf } from "./request-id";

/** A logger for one request: every line it writes carries the request id. */
export function requestLog(requestId: string): Logger {
  return log().child({ requestId });
}
