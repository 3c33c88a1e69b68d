/**
 * SQL that drizzle's builders do not write, built from the schema's own columns so that names,
 * types and value encodings stay the schema's.
 */
import { createHash } from "node:crypto";
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import { type PgDialect, type PgSession, PgTransaction, type PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./index";

const heads = new Map<string, SQL>();

/**
 * `insert into table (…) select … where condition`: one row, written only when the condition holds
 * (drizzle's `values` cannot be guarded). Columns left undefined take their defaults. The row goes
 * as one JSON parameter that PostgreSQL reads as the table's row type (`json_populate_record`), so
 * every value gets its column's type, each encoded by its column first; the statement's text is
 * the same for every row with the same columns, and is built once.
 */
export function insertRowWhere<T extends PgTable>(table: T, row: T["$inferInsert"], condition: SQL): SQL {
  const columns = getTableColumns(table);
  const given = Object.entries(row as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const record: Record<string, unknown> = {};
  for (const [key, value] of given) {
    const column = columns[key]!;
    // A JSON column's value is already JSON inside the record; every other value as its column sends it.
    record[column.name] = value === null || /^jsonb?$/.test(column.getSQLType()) ? value : column.mapToDriverValue(value);
  }
  const shape = `${getTableName(table)}:${given.map(([key]) => key).join(",")}`;
  let head = heads.get(shape);
  if (!head) {
    const names = given.map(([key]) => `"${columns[key]!.name}"`).join(", ");
    head = sql.raw(`insert into "${getTableName(table)}" (${names}) select ${names} from json_populate_record(null::"${getTableName(table)}", `);
    heads.set(shape, head);
  }
  return sql`${head}${JSON.stringify(record)}::json) where ${condition}`;
}

/** The name a statement's text is prepared under: its own (a name stands for one text on a connection). */
export function preparedName(text: string): string {
  return `p_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
}

/**
 * Runs a statement as a named prepared statement: PostgreSQL parses and plans its text once per
 * connection, then only binds and runs it. For the hot statements whose text is long and the same
 * every time (the report's filing: its parsing and planning cost more than its run — 1,200 against
 * 2,000 filings/s measured with 10 callers on this machine's PostgreSQL). The result is
 * `db.execute`'s. PGlite, in process with no protocol to name statements in, runs it as any other.
 */
export async function executePrepared(executor: Database, query: SQL): Promise<unknown> {
  const { session, dialect } = executor as unknown as { session: PgSession; dialect: PgDialect };
  const built = dialect.sqlToQuery(query);
  return session.prepareQuery(built, undefined, preparesStatements() ? preparedName(built.sql) : undefined, false).execute();
}

/**
 * Whether statements are kept prepared on their connection: yes, unless DATABASE_PREPARED_STATEMENTS
 * is `off` — for a pooler in transaction mode that does not follow them (PgBouncer before 1.21, or
 * with `max_prepared_statements = 0`); Neon's pooler follows them.
 */
function preparesStatements(): boolean {
  return process.env.DATABASE_PREPARED_STATEMENTS?.trim().toLowerCase() !== "off";
}

/**
 * Independent reads, side by side where there are connections to run them on (the pool), one after
 * the other inside a transaction: its single connection would queue them anyway, and node-postgres
 * deprecates queuing queries on a busy client (pg@9 refuses it).
 */
export async function readAll<T extends readonly unknown[]>(executor: object, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!(executor instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
