/**
 * SQL that drizzle's builders do not write, built from the schema's own columns so that names,
 * types and value encodings stay the schema's.
 */
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import { PgTransaction, type PgTable } from "drizzle-orm/pg-core";

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
