/**
 * The environment, validated once. Absent optional keys select the embedded defaults
 * (PGlite, local disk, outbox); in production the keys that guard users are required.
 */
import path from "node:path";
import { z } from "zod";

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Unset → embedded PGlite under DATA_DIR; postgres://… → pg Pool; a *.neon.tech URL → Neon serverless. */
  DATABASE_URL: optionalText,
  /** Where the embedded database, uploads and locks live. */
  DATA_DIR: optionalText,
  /** Sends mail through Resend; unset → the outbox table and a log line. */
  RESEND_API_KEY: optionalText,
  MAIL_FROM: optionalText,
  /** Resend's API address (default https://api.resend.com; a local stand-in in tests). */
  RESEND_BASE_URL: optionalText,
  /** Delivery tries after the first before a mail is dead (default 10), and the first retry's delay in seconds (default 30; doubled each time, with jitter). */
  MAIL_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).optional(),
  MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  /** `in-process` (default): this server also works the queue; `off`: a separate `npm run worker` does. */
  WORKER: optionalText.pipe(z.enum(["in-process", "off"]).optional()),
  /** When the worker runs the tick, as a cron expression in UTC (default every 5 minutes); `off`: only POST /api/cron/tick or `npm run tick`. */
  TICK_CRON: optionalText,
  /** Stores files on UploadThing; unset → local disk under DATA_DIR/uploads. */
  UPLOADTHING_TOKEN: optionalText,
  /** Public address of the site, used in mails (links to the tracking page). */
  APP_URL: optionalText,
  /** Map tiles: any XYZ URL template. */
  NEXT_PUBLIC_TILE_URL: optionalText,
  NEXT_PUBLIC_TILE_ATTRIBUTION: optionalText,
  AUTH_SECRET: optionalText,
  /** Guards POST /api/cron/tick (sent as `Authorization: Bearer …` by the scheduler). */
  CRON_SECRET: optionalText,
  /** Multiplies every rate limit (1 = the platform's; e.g. 100 for a load test). */
  RATE_LIMIT_SCALE: z.coerce.number().positive().optional(),
  /** Months after a report is closed before the tick erases the citizen's contact data (default 24). */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(600).optional(),
  /** `demo` or `production`; unset → see isDemo. */
  APP_MODE: optionalText.pipe(z.enum(["demo", "production"]).optional()),
});

/** Who asks whether this run is the demo: `npm start`, `npm run db:seed`, or the running app. */
export type DemoQuestion = { command: "start" | "seed" | "app"; args?: readonly string[] };

/**
 * Whether this run is the local demo: accounts whose passwords the README publishes, 300 made-up
 * reports and the outbox page (/dev/outbox, every mail with its recipient and tracking link).
 * Only where a person asked for it: `--demo` on the command line, `APP_MODE=demo`, or `npm start` on
 * the embedded database (DATABASE_URL unset: the README's quick start, nothing real to expose).
 * `APP_MODE=production` makes even that a production run. `npm start` passes its answer to the app as
 * APP_MODE, so the app only reads APP_MODE.
 */
export function isDemo(source: Record<string, string | undefined>, question: DemoQuestion): boolean {
  if (question.args?.includes("--demo")) return true;
  const mode = source.APP_MODE?.trim();
  if (mode === "demo") return true;
  if (mode === "production" || question.command !== "start") return false;
  return !source.DATABASE_URL?.trim();
}

export type Env = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
  mailFrom: string;
  mailRetryLimit: number;
  mailRetryDelaySeconds: number;
  worker: "in-process" | "off";
  tickCron: string | null;
  uploadthingToken: string | undefined;
  appUrl: string;
  tileUrl: string;
  tileAttribution: string;
  cronSecret: string | undefined;
  rateLimitScale: number;
  retentionMonths: number;
};

/** Parses an environment; throws a sentence naming the missing key and what it is for. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const raw = schema.parse(source);
  // `npm start` on the embedded database runs the production build as a local demo (APP_MODE=demo):
  // it keeps the outbox page and the demo accounts. A real deployment never sets it.
  const isProduction = raw.NODE_ENV === "production" && !isDemo(source, { command: "app" });
  if (isProduction && source.NEXT_PHASE !== "phase-production-build") {
    const missing: string[] = [];
    if (!raw.AUTH_SECRET) missing.push("AUTH_SECRET (signs staff sessions; generate one with `openssl rand -base64 32`)");
    if (!raw.APP_URL) missing.push("APP_URL (the public address written in citizens' mails, e.g. https://reclamations.example.org)");
    if (raw.RESEND_API_KEY && !raw.MAIL_FROM) missing.push("MAIL_FROM (the verified sender address Resend sends from)");
    if (missing.length > 0) {
      throw new Error(`e-reclamations cannot start in production: set ${missing.join("; ")}.`);
    }
  }
  return {
    nodeEnv: raw.NODE_ENV,
    isProduction,
    databaseUrl: raw.DATABASE_URL,
    dataDir: path.resolve(/*turbopackIgnore: true*/ raw.DATA_DIR ?? ".data"),
    resendApiKey: raw.RESEND_API_KEY,
    resendBaseUrl: raw.RESEND_BASE_URL?.replace(/\/$/, ""),
    mailRetryLimit: raw.MAIL_RETRY_LIMIT ?? 10,
    mailRetryDelaySeconds: raw.MAIL_RETRY_DELAY_SECONDS ?? 30,
    worker: raw.WORKER ?? "in-process",
    tickCron: raw.TICK_CRON === "off" ? null : (raw.TICK_CRON ?? "*/5 * * * *"),
    mailFrom: raw.MAIL_FROM ?? "e-reclamations <no-reply@localhost>",
    uploadthingToken: raw.UPLOADTHING_TOKEN,
    appUrl: (raw.APP_URL ?? "http://localhost:3000").replace(/\/$/, ""),
    tileUrl: raw.NEXT_PUBLIC_TILE_URL ?? "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    tileAttribution: raw.NEXT_PUBLIC_TILE_ATTRIBUTION ?? "© OpenStreetMap contributors",
    cronSecret: raw.CRON_SECRET,
    rateLimitScale: raw.RATE_LIMIT_SCALE ?? 1,
    retentionMonths: raw.RETENTION_MONTHS ?? 24,
  };
}

let cached: Env | undefined;
/** The process's environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
