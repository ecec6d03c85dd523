import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@doorloop/persistence';

/** The medium tier's database (see global-setup.ts), migrated; each file opens its own connection pool. */
export function mediumDatabase(): Promise<DataSource> {
  const url = process.env.MEDIUM_DATABASE_URL;
  if (!url)
    throw new Error('MEDIUM_DATABASE_URL is not set: run the medium tier through jest (--selectProjects medium)');
  return new DataSource(dataSourceOptions(url)).initialize();
}
