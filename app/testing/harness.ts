/**
 * What the tests of server actions and route handlers share: the Next.js request context they run
 * outside of (session, headers, locale, redirect, cache) replaced by plain values, and a fingerprint
 * of the database to prove that a refused call changed nothing. Test files install the mocks with
 * `vi.mock("<module>", () => harnessMock("<module>"))`.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db";
import type { Viewer } from "@/lib/auth/permissions";
import { connectionFrom } from "@/lib/auth/address-testing";

/** The member of staff the next call runs as (null: the anonymous). */
export const principal: { viewer: Viewer | null } = { viewer: null };

/** What `redirect()` throws in tests: a successful action that moves the user on. */
export class Redirected extends Error {
  constructor(readonly href: string) {
    super(`redirect ${href}`);
  }
}

const MOCKS = {
  "@/lib/auth/session": () => ({ currentViewer: async () => principal.viewer }),
  "@/lib/auth/config": () => ({
    auth: async () => (principal.viewer ? { user: { id: principal.viewer.id } } : null),
    signIn: async () => undefined,
    signOut: async () => undefined,
    handlers: { GET: async () => new Response(null, { status: 404 }), POST: async () => new Response(null, { status: 404 }) },
  }),
  "next/cache": () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }),
  "next/headers": () => ({ headers: async () => new Headers(connectionFrom("203.0.113.77")) }),
  "next-intl/server": () => ({ getLocale: async () => "fr" }),
  "@/lib/i18n/navigation": () => ({
    redirect: ({ href }: { href: string }) => {
      throw new Redirected(href);
    },
  }),
} as const;

export function harnessMock(module: keyof typeof MOCKS) {
  return MOCKS[module]();
}

/** Runs `call` as `viewer`, then back to the anonymous. */
export async function as<T>(viewer: Viewer | null, call: () => Promise<T>): Promise<T> {
  principal.viewer = viewer;
  try {
    return await call();
  } finally {
    principal.viewer = null;
  }
}

/** A hash of every table's rows: equal before and after means the call changed nothing. */
export async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
  );
  const parts = tables.map(({ name }) => `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from "${name}" t) as "${name}"`);
  return rowsOf<Record<string, string>>(await db.execute(sql.raw(`select ${parts.join(", ")}`)))[0];
}

export function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  return f;
}
