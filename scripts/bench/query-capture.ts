import { Pool } from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { dataSourceOptions } from '@doorloop/persistence';

/** One statement as TypeORM hands it to the pg driver: text and positional parameters. */
export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** A TypeORM logger that records the statements issued while `recording` is on, and says nothing. */
class CapturingLogger implements Logger {
  recording = false;
  readonly captured: CapturedQuery[] = [];
  logQuery(query: string, parameters?: unknown[]): void {
    if (this.recording) this.captured.push({ sql: query, params: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * The repositories on a DataSource configured like the apps' (same options, same pool size), whose statements can be
 * recorded: "the raw SQL of the same queries" is what the repository code issues, not a hand-written copy of it.
 */
export class QueryCapture {
  private readonly logger = new CapturingLogger();
  readonly dataSource: DataSource;
  /** A plain pg pool of the same size, for the raw replays. */
  readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), logging: ['query'], logger: this.logger });
    this.pool = new Pool({ connectionString: databaseUrl, max: 10 });
  }

  async open(): Promise<void> {
    await this.dataSource.initialize();
  }

  /** The statements `run` issues, in the order it issues them. */
  async capture(run: () => Promise<unknown>): Promise<CapturedQuery[]> {
    this.logger.captured.length = 0;
    this.logger.recording = true;
    try {
      await run();
    } finally {
      this.logger.recording = false;
    }
    return [...this.logger.captured];
  }

  /** Replays captured statements on the plain pool, concurrently as the repository issued them (Promise.all). */
  async replay(queries: readonly CapturedQuery[]): Promise<void> {
    await Promise.all(queries.map((query) => this.pool.query(query.sql, query.params)));
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of a captured statement with its parameters: the plan PostgreSQL runs for it. */
  async explain(query: CapturedQuery): Promise<string> {
    const result = await this.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
      query.params,
    );
    return result.rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  async close(): Promise<void> {
    await Promise.all([this.dataSource.destroy(), this.pool.end()]);
  }
}
