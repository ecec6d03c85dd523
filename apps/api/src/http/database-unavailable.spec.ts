import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import { freePort } from '../../../../scripts/lib/free-port';
import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  it('recognises the error of the pg driver when nothing listens', async () => {
    const client = new Client({ host: '127.0.0.1', port: await freePort(), connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeDefined();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['an administrator shutdown', '57P01'],
    ['a crash shutdown', '57P02'],
    ['a server still starting or recovering', '57P03'],
    ['a connection exception', '08006'],
  ])('recognises %s wrapped by TypeORM', (_name, code) => {
    const driverError = Object.assign(new Error('terminating connection'), { code });
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], driverError))).toBe(true);
  });

  it('recognises a connection the server closed mid-query', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a programming error', new TypeError('x is undefined')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('leaves %s alone', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
