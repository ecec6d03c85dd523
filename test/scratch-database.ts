import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@doorloop/persistence';

export interface ScratchDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/**
 * A fresh database with the real migrations, on the test PostgreSQL, for tests that must own a table outright (tamper
 * with the audit chain, count from sequence 1) without disturbing the database the other test files share.
 */
export async function createScratchDatabase(serverUrl = process.env.DATABASE_URL!): Promise<ScratchDatabase> {
  const name = `doorloop_scratch_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const dataSource = await new DataSource(dataSourceOptions(url.toString())).initialize();
  return {
    url: url.toString(),
    dataSource,
    async drop() {
      await dataSource.destroy();
      await onServer(serverUrl, `DROP DATABASE ${name} WITH (FORCE)`);
    },
  };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
