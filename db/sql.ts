/**
 * SQL that drizzle's builders do not write, built from the schema's own columns so that names,
 * types and value encodings stay the schema's.
 */
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * `insert into table (…) select … where condition`: one row, written only when the condition holds
 * (drizzle's `values` cannot be guarded). Columns left undefined take their defaults; each value is
 * encoded by its column and cast to its type (a parameter in a SELECT has no type of its own).
 */
export function insertRowWhere<T extends PgTable>(table: T, row: T["$inferInsert"], condition: SQL): SQL {
  const columns = getTableColumns(table);
  const given = Object.entries(row as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const names = given.map(([key]) => sql.identifier(columns[key]!.name));
  const values = given.map(([key, value]) => sql`${sql.param(value, columns[key])}::${sql.raw(columns[key]!.getSQLType())}`);
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(values, sql`, `)} where ${condition}`;
}
