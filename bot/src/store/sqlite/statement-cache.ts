import type Database from 'better-sqlite3';

/**
 * Prepares each SQL text once per connection and hands back the same
 * statement afterwards. Statements with named parameters take one object
 * whose keys match the `@names` in the SQL.
 */
export class StatementCache {
  private readonly cache = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(private readonly db: Database.Database) {}

  /** The prepared statement for `sql`; `P` is its parameter tuple and `R` its row type. */
  get<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], unknown>(sql);
      this.cache.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }
}
